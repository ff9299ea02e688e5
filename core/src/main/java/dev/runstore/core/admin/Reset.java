package dev.runstore.core.admin;

import dev.runstore.core.catalog.TableCounts;
import dev.runstore.core.db.Database;
import dev.runstore.core.db.Engine;
import dev.runstore.core.error.OperationRefusedException;
import dev.runstore.core.migrate.Environment;
import dev.runstore.core.migrate.MigrationStatus;
import dev.runstore.core.migrate.Migrator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The dev-only reset: backs the database up beside itself, drops every table (Flyway's history too)
 * and migrates again, keeping the environment marker. Gated like Rails' protected environments:
 * refused unless {@code RUNSTORE_ALLOW_RESET=1}, and always refused on a production database.
 * Confirmation by a person is the caller's job (the CLI and the console ask for the file name).
 */
public final class Reset {
    private static final org.slf4j.Logger LOGGER = org.slf4j.LoggerFactory.getLogger(Reset.class);

    /** Must be "1" for a reset to run. */
    public static final String ALLOW_VARIABLE = "RUNSTORE_ALLOW_RESET";

    private static final String OFF =
            "reset is off: it is for development databases only; set " + ALLOW_VARIABLE + "=1 to allow it";

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
        return allowed ? markerRefusal(db, new Migrator().status(db).environment()) : OFF;
    }

    /**
     * Fails closed: only a marker that says exactly development or test (as runstore writes them)
     * allows a reset. "Production", "prod", an empty value, any hand edit or no marker at all is
     * refused, because the code after the gate must never guess what a database is for.
     */
    private static String markerRefusal(Database db, String environment) {
        if (Environment.DEVELOPMENT.label().equals(environment)
                || Environment.TEST.label().equals(environment)) {
            return null;
        }
        if (environment == null) {
            return "\"" + db.location() + "\" has no environment marker (runstore_meta), so runstore cannot tell it is"
                    + " not production; reset runs only on databases recorded as development or test";
        }
        if (environment.strip().toLowerCase(Locale.ROOT).startsWith("prod")) {
            return "\"" + db.location() + "\" is a production database (marker \"" + environment
                    + "\"); reset never runs on production";
        }
        return "\"" + db.location() + "\" has the environment marker \"" + environment + "\", which is not development"
                + " or test; reset runs only on those (a marker changed by hand must say exactly one of them)";
    }

    /**
     * What {@link #run} would delete and where its backup would go, read now (read-only; works
     * whether or not a reset is allowed, so a refusal can show what it protects).
     */
    public static ResetPreview preview(Database db) {
        Map<String, Long> tables = new TreeMap<>(TableCounts.of(db));
        Optional<Path> blobs = db.payloadFolder();
        long[] files = new long[2];
        blobs.filter(folder -> Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS))
                .ifPresent(folder -> {
                    try (Stream<Path> walk = Files.walk(folder)) {
                        walk.filter(Files::isRegularFile).forEach(file -> {
                            files[0]++;
                            try {
                                files[1] += Files.size(file);
                            } catch (IOException vanished) {
                                // written or removed meanwhile: the preview is of this moment
                            }
                        });
                    } catch (IOException e) {
                        throw new UncheckedIOException(
                                "cannot list the payload folder " + folder + ": " + e.getMessage(), e);
                    }
                });
        boolean backs = db.engine().canBackUp();
        return new ResetPreview(
                db.location(),
                tables,
                blobs,
                files[0],
                files[1],
                backs ? Optional.of(db.path().toAbsolutePath().getParent()) : Optional.empty(),
                backs ? db.path().getFileName() + ".bak-" + STAMP_PATTERN : "");
    }

    /** How {@link #STAMP} reads, for a preview written before the time is known. */
    private static final String STAMP_PATTERN = "YYYYMMDDTHHMMSSZ";

    /**
     * Backs up (where runstore can: a SQLite file), empties and re-migrates {@code db}. The gate,
     * the backup and the drop are one critical section against every writer: a transaction that
     * holds off other writers ({@code BEGIN IMMEDIATE} on SQLite; on PostgreSQL each DROP's
     * exclusive lock) held across them, with the copy read through a second connection, so a
     * commit of another process lands either in the backup or (if it waited) fails on the dropped
     * tables; never in neither.
     *
     * @throws OperationRefusedException when not allowed or the database is not development or
     *     test; nothing changes
     */
    public static ResetResult run(Database db, boolean allowed) {
        MigrationStatus before = new Migrator().status(db); // one status for the gate and the marker
        String refusal = allowed ? markerRefusal(db, before.environment()) : OFF;
        if (refusal != null) {
            throw new OperationRefusedException(refusal);
        }
        Optional<Path> blobs = db.payloadFolder();
        if (blobs.isPresent() && Files.isSymbolicLink(blobs.get())) {
            throw new OperationRefusedException("the payload folder \"" + blobs.get() + "\" is a symbolic link; reset"
                    + " only deletes inside the database's own folder — remove the link by hand; nothing was changed");
        }
        Environment environment = Environment.parse(before.environment());
        Engine engine = db.engine();
        Path backup = engine.canBackUp()
                ? Backup.checkTarget(
                        db, db.path().resolveSibling(db.path().getFileName() + ".bak-" + STAMP.format(Instant.now())))
                : null;
        db.maintenance(connections -> {
            try (Connection writer = connections.getConnection();
                    Statement sql = writer.createStatement()) {
                sql.execute(engine.beginExclusive()); // other writers wait for the COMMIT (see Engine)
                try {
                    String marker = Migrator.recordedEnvironment(writer);
                    String late = markerRefusal(db, marker);
                    if (late != null || !environment.label().equals(marker)) {
                        throw new OperationRefusedException(
                                (late != null ? late : "the environment marker changed while the reset began")
                                        + "; nothing was changed");
                    }
                    if (backup != null) {
                        try (Connection reader = connections.getConnection()) {
                            Backup.write(reader, db, backup);
                        }
                    }
                    for (String drop : engine.resetDrops(sql)) {
                        sql.execute(drop);
                    }
                    sql.execute("COMMIT");
                } catch (SQLException | RuntimeException | Error e) {
                    try {
                        sql.execute("ROLLBACK");
                    } catch (SQLException undo) {
                        e.addSuppressed(undo);
                    }
                    throw e;
                }
            }
            return null;
        });
        blobs.ifPresent(Reset::deleteBlobs);
        return new ResetResult(backup, environment.label(), new Migrator(environment).migrate(db));
    }

    /**
     * After the drop: the blobs no row refers to any more. A writer of another process may be
     * storing one right now (for a transaction that will fail on the dropped tables), so entries
     * that vanish, or a folder that is not empty any more, are left for the next reset.
     */
    private static void deleteBlobs(Path folder) {
        if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
                try {
                    Files.deleteIfExists(path);
                } catch (DirectoryNotEmptyException raced) {
                    // a blob written meanwhile: harmless, and not this reset's to delete
                }
            }
        } catch (IOException | UncheckedIOException e) {
            LOGGER.warn("could not remove every payload blob in {}; the rest are unused", folder, e);
        }
    }
}
