package dev.runstore.core.admin;

import dev.runstore.core.db.Database;
import dev.runstore.core.db.Dialect;
import dev.runstore.core.error.OperationRefusedException;
import dev.runstore.core.migrate.Environment;
import dev.runstore.core.migrate.MigrationStatus;
import dev.runstore.core.migrate.Migrator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The dev-only reset: backs the database up beside itself, drops every table (Flyway's history too)
 * and migrates again, keeping the environment marker. Gated like Rails' protected environments:
 * refused unless {@code RUNSTORE_ALLOW_RESET=1}, and always refused on a production database.
 * Confirmation by a person is the caller's job (the CLI and the console ask for the file name).
 */
public final class Reset {
    /** Must be "1" for a reset to run. */
    public static final String ALLOW_VARIABLE = "RUNSTORE_ALLOW_RESET";

    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private Reset() {}

    /** Whether the environment variable's value allows a reset. */
    public static boolean allowedBy(String variableValue) {
        return "1".equals(variableValue == null ? null : variableValue.strip());
    }

    /**
     * Why a reset of {@code db} would be refused, or null when it may run. The console uses it to
     * disable its button with this text as the tooltip.
     */
    public static String refusal(Database db, boolean allowed) {
        if (!allowed) {
            return "reset is off: it is for development databases only; set " + ALLOW_VARIABLE + "=1 to allow it";
        }
        String environment = new Migrator().status(db).environment();
        if (Environment.PRODUCTION.label().equals(environment)) {
            return "\"" + db.location() + "\" is a production database; reset never runs on production";
        }
        return null;
    }

    /**
     * Backs up, empties and re-migrates {@code db}.
     *
     * @throws OperationRefusedException when not allowed or the database is production; nothing changes
     */
    public static ResetResult run(Database db, boolean allowed) {
        String refusal = refusal(db, allowed);
        if (refusal != null) {
            throw new OperationRefusedException(refusal);
        }
        Path blobs = db.blobFolder();
        if (Files.isSymbolicLink(blobs)) {
            throw new OperationRefusedException("the payload folder \"" + blobs + "\" is a symbolic link; reset only"
                    + " deletes inside the database's own folder — remove the link by hand; nothing was changed");
        }
        MigrationStatus before = new Migrator().status(db);
        Environment environment = Environment.parse(before.environment());
        if (db.dialect() == Dialect.POSTGRESQL) {
            dropRunstoreTables(db);
            deleteBlobs(blobs);
            return new ResetResult(null, environment.label(), new Migrator(environment).migrate(db));
        }
        Path backup = db.path().resolveSibling(db.path().getFileName() + ".bak-" + STAMP.format(Instant.now()));
        Backup.to(db, backup);
        db.maintenance(connections -> {
            try (Connection connection = connections.getConnection();
                    Statement sql = connection.createStatement()) {
                List<String> drops = new ArrayList<>();
                try (var rows = sql.executeQuery("SELECT type, name FROM sqlite_schema WHERE name NOT LIKE 'sqlite\\_%'"
                        + " ESCAPE '\\' AND type IN ('view', 'trigger', 'table') ORDER BY type DESC")) {
                    while (rows.next()) {
                        drops.add("DROP " + rows.getString(1).toUpperCase(Locale.ROOT) + " IF EXISTS "
                                + TableCounts.quote(rows.getString(2)));
                    }
                }
                sql.execute("PRAGMA foreign_keys = OFF");
                connection.setAutoCommit(false);
                for (String drop : drops) {
                    sql.execute(drop);
                }
                connection.commit();
                connection.setAutoCommit(true);
                sql.execute("PRAGMA foreign_keys = ON");
            }
            return null;
        });
        deleteBlobs(db.blobFolder());
        return new ResetResult(backup, environment.label(), new Migrator(environment).migrate(db));
    }

    /** PostgreSQL: runstore's own tables in the current schema; nothing else there is touched. */
    private static void dropRunstoreTables(Database db) {
        db.maintenance(connections -> {
            try (Connection connection = connections.getConnection();
                    Statement sql = connection.createStatement()) {
                connection.setAutoCommit(false);
                sql.execute("DROP TABLE IF EXISTS events, runs, runstore_meta, flyway_schema_history CASCADE");
                connection.commit();
            }
            return null;
        });
    }

    private static void deleteBlobs(Path folder) {
        if (!Files.isDirectory(folder)) {
            return;
        }
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the payload blobs in " + folder, e);
        }
    }
}
