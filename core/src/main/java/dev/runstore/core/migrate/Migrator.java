package dev.runstore.core.migrate;

import dev.runstore.core.db.Database;
import dev.runstore.core.error.DbException;
import dev.runstore.core.error.IncompatibleDatabaseException;
import dev.runstore.core.time.UtcTime;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.JavaMigration;
import org.flywaydb.core.api.output.MigrateResult;
import org.flywaydb.core.api.output.ValidateOutput;
import org.flywaydb.core.api.output.ValidateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies runstore's Flyway migrations ({@code classpath:db/migration} plus the Java migrations in
 * this package) and reports where a database stands.
 *
 * <p>Discipline it enforces: validate-on-migrate stays on, so an applied migration that was edited
 * afterwards is refused; a database whose schema is newer than this program is refused for
 * migration; on SQLite a cross-process {@link MigrationLock} keeps two processes from migrating at
 * once. The database's {@link Environment} is recorded on its first migration.
 */
public final class Migrator {
    private static final Logger LOGGER = LoggerFactory.getLogger(Migrator.class);

    /** Where the SQL migrations live. */
    public static final String LOCATION = "classpath:db/migration";

    private static final String HISTORY_TABLE = "flyway_schema_history";
    private static final Duration DEFAULT_LOCK_TIMEOUT = Duration.ofSeconds(60);

    private final List<String> locations;
    private final List<JavaMigration> javaMigrations;
    private final Environment environment;
    private final Duration lockTimeout;

    /** Migrates with the environment taken from {@code RUNSTORE_ENV} (default development). */
    public Migrator() {
        this(Environment.fromSystemEnvironment());
    }

    /** Migrates recording {@code environment} on a database's first migration. */
    public Migrator(Environment environment) {
        this(List.of(LOCATION), JavaMigrations.all(), environment, DEFAULT_LOCK_TIMEOUT);
    }

    Migrator(
            List<String> locations, List<JavaMigration> javaMigrations, Environment environment, Duration lockTimeout) {
        this.locations = List.copyOf(locations);
        this.javaMigrations = List.copyOf(javaMigrations);
        this.environment = environment;
        this.lockTimeout = lockTimeout;
    }

    /** Applies every pending migration. */
    public MigrationResult migrate(Database db) {
        return migrate(db, null);
    }

    /**
     * Applies pending migrations up to {@code targetVersion} (null: the latest).
     *
     * @throws IncompatibleDatabaseException when the database is read-only, has a problem (edited
     *     or failed migration, schema newer than this program), or a migration fails
     */
    @SuppressWarnings("try") // the lock is held by scope, never referenced
    public MigrationResult migrate(Database db, String targetVersion) {
        MigrationVersion target = parseTarget(targetVersion);
        if (db.isReadOnly()) {
            throw new IncompatibleDatabaseException(
                    "database \"" + db.location() + "\" was opened read-only; open it read-write to migrate it");
        }
        // Flyway locks on PostgreSQL by itself; on SQLite it does not, hence runstore's file lock.
        try (MigrationLock lock =
                db.engine().needsMigrationLock() ? MigrationLock.acquire(db.path(), lockTimeout) : null) {
            return db.maintenance(connections -> {
                Flyway flyway = flyway(connections, db.engine().placeholders(), target, false);
                List<String> problems = problems(flyway, connections);
                if (!problems.isEmpty()) {
                    throw new IncompatibleDatabaseException(
                            "cannot migrate \"" + db.location() + "\": " + String.join("; ", problems));
                }
                MigrateResult result = flyway.migrate();
                recordEnvironment(connections);
                List<String> applied =
                        result.migrations.stream().map(m -> m.version).toList();
                String current = currentVersion(flyway);
                if (!applied.isEmpty()) {
                    LOGGER.info("{} - applied migrations {}; now at version {}", db.location(), applied, current);
                }
                return new MigrationResult(applied, current);
            });
        } catch (FlywayException e) {
            throw translate(db, e);
        }
    }

    /** Where the database stands; works on read-only databases and never writes. */
    public MigrationStatus status(Database db) {
        try {
            return db.maintenance(connections -> {
                Flyway flyway = flyway(connections, db.engine().placeholders(), null, true);
                MigrationInfo[] all = flyway.info().all();
                String latest = null;
                List<PendingMigration> pending = new ArrayList<>();
                for (MigrationInfo info : all) {
                    if (info.getState().isResolved() && info.getVersion() != null) {
                        latest = info.getVersion().getVersion();
                    }
                    if (info.getState() == MigrationState.PENDING) {
                        pending.add(new PendingMigration(info.getVersion().getVersion(), info.getDescription()));
                    }
                }
                List<String> problems = problems(flyway, connections);
                return new MigrationStatus(
                        currentVersion(flyway),
                        latest,
                        pending,
                        history(connections),
                        pending.isEmpty() && problems.isEmpty(),
                        readEnvironment(connections),
                        problems,
                        Arrays.stream(all)
                                .anyMatch(info -> info.getState() == MigrationState.FUTURE_SUCCESS
                                        || info.getState() == MigrationState.FUTURE_FAILED));
            });
        } catch (FlywayException e) {
            throw translate(db, e);
        }
    }

    private Flyway flyway(
            DataSource connections, Map<String, String> placeholders, MigrationVersion target, boolean readOnly) {
        var config = Flyway.configure(Migrator.class.getClassLoader())
                .dataSource(connections)
                .locations(locations.toArray(String[]::new))
                .javaMigrations(javaMigrations.toArray(JavaMigration[]::new))
                .placeholders(placeholders)
                .table(HISTORY_TABLE)
                .mixed(true) // the table-rebuild migrations run outside a transaction
                .validateOnMigrate(true)
                .validateMigrationNaming(true)
                .cleanDisabled(true)
                .outOfOrder(false)
                .createSchemas(!readOnly);
        if (target != null) {
            config.target(target);
        }
        return config.load();
    }

    /** Edited, removed, failed or too-new migrations, one sentence each. */
    private List<String> problems(Flyway flyway, DataSource connections) {
        List<String> problems = new ArrayList<>();
        String latest = null;
        for (MigrationInfo info : flyway.info().all()) {
            if (info.getState().isResolved() && info.getVersion() != null) {
                latest = info.getVersion().getVersion();
            }
        }
        for (MigrationInfo info : flyway.info().all()) {
            MigrationState state = info.getState();
            String name = describe(info.getVersion(), info.getDescription());
            if (state == MigrationState.FUTURE_SUCCESS || state == MigrationState.FUTURE_FAILED) {
                problems.add(name + " is newer than this program (its latest is " + (latest == null ? "none" : latest)
                        + "); upgrade runstore before using this database");
            } else if (state.isFailed()) {
                problems.add(name + " failed when it was applied; restore the database from the backup taken before"
                        + " it, fix the migration, and migrate again");
            }
        }
        ValidateResult validation = Flyway.configure(Migrator.class.getClassLoader())
                .configuration(flyway.getConfiguration())
                .ignoreMigrationPatterns("*:pending", "*:future")
                .load()
                .validateWithResult();
        for (ValidateOutput invalid : validation.invalidMigrations) {
            String code = invalid.errorDetails == null ? "" : String.valueOf(invalid.errorDetails.errorCode);
            if (!code.contains("FAILED")) { // failed ones are reported above, from their state
                problems.add(validationProblem(invalid));
            }
        }
        return problems;
    }

    private static String validationProblem(ValidateOutput invalid) {
        String name = describe(invalid.version, invalid.description);
        String code = invalid.errorDetails == null ? "" : String.valueOf(invalid.errorDetails.errorCode);
        if (code.contains("CHECKSUM_MISMATCH")
                || code.contains("DESCRIPTION_MISMATCH")
                || code.contains("TYPE_MISMATCH")) {
            return name + " was edited after it was applied to this database; revert the edit and put the change in a"
                    + " new migration instead";
        }
        if (code.contains("NOT_RESOLVED")) {
            return name + " is recorded in this database but missing from this program (removed or renamed); restore"
                    + " it under its original name";
        }
        String detail = invalid.errorDetails == null
                ? ""
                : invalid.errorDetails.errorMessage.lines().findFirst().orElse("");
        return name + " is invalid: " + detail;
    }

    private static String describe(Object version, String description) {
        return "migration V" + version + (description == null || description.isBlank() ? "" : " (" + description + ")");
    }

    private static String currentVersion(Flyway flyway) {
        MigrationInfo current = flyway.info().current();
        return current == null || current.getVersion() == null
                ? null
                : current.getVersion().getVersion();
    }

    /** Read directly: Flyway's installedOn goes through getTimestamp, which SQLite drivers read in the JVM's zone. */
    private static List<AppliedMigration> history(DataSource connections) throws SQLException {
        List<AppliedMigration> applied = new ArrayList<>();
        try (Connection connection = connections.getConnection()) {
            if (!tableExists(connection, HISTORY_TABLE)) {
                return applied;
            }
            try (PreparedStatement query =
                            connection.prepareStatement("SELECT version, description, installed_on, success" + " FROM "
                                    + HISTORY_TABLE + " WHERE version IS NOT NULL ORDER BY installed_rank");
                    ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    applied.add(new AppliedMigration(
                            rows.getString(1),
                            rows.getString(2),
                            UtcTime.parseSqlText(rows.getString(3)),
                            rows.getBoolean(4)));
                }
            }
        }
        return applied;
    }

    private void recordEnvironment(DataSource connections) throws SQLException {
        try (Connection connection = connections.getConnection();
                PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO runstore_meta (key, value) VALUES ('environment', ?) ON CONFLICT (key) DO NOTHING")) {
            connection.setAutoCommit(false);
            insert.setString(1, environment.label());
            insert.executeUpdate();
            connection.commit();
        }
    }

    private static String readEnvironment(DataSource connections) throws SQLException {
        try (Connection connection = connections.getConnection()) {
            return recordedEnvironment(connection);
        }
    }

    /**
     * The environment marker as stored, exactly (null when there is none), read on {@code
     * connection}: inside its open transaction, if it has one.
     */
    public static String recordedEnvironment(Connection connection) throws SQLException {
        if (!tableExists(connection, "runstore_meta")) {
            return null;
        }
        try (PreparedStatement query =
                        connection.prepareStatement("SELECT value FROM runstore_meta WHERE key = 'environment'");
                ResultSet rows = query.executeQuery()) {
            return rows.next() ? rows.getString(1) : null;
        }
    }

    private static boolean tableExists(Connection connection, String table) throws SQLException {
        try (ResultSet tables = connection.getMetaData().getTables(null, connection.getSchema(), table, null)) {
            return tables.next();
        }
    }

    /**
     * Checks a target version before any database is opened: it must be {@code latest} (null and
     * blank mean it too) or the version of one of this program's migrations.
     *
     * @throws IllegalArgumentException when it is not a version, or no migration has it
     */
    public void requireVersion(String target) {
        MigrationVersion version = parseTarget(target);
        if (version == null) {
            return;
        }
        // The migrations this program has, resolved against an empty in-memory database: the
        // same resolution migrate does, without touching the real one.
        org.sqlite.SQLiteDataSource empty = new org.sqlite.SQLiteDataSource();
        empty.setUrl("jdbc:sqlite::memory:");
        List<MigrationVersion> known = new ArrayList<>();
        try {
            for (MigrationInfo info : flyway(empty, Map.of(), null, true).info().all()) {
                if (info.getVersion() != null) {
                    known.add(info.getVersion());
                }
            }
        } catch (FlywayException e) {
            return; // cannot list them here: migrate itself will say what is wrong
        }
        if (!known.contains(version)) { // MigrationVersion equality: 1, 1.0 and 01 are one version
            throw new IllegalArgumentException("target version " + target + " is not one of this program's"
                    + " migrations ("
                    + String.join(
                            ", ",
                            known.stream().map(MigrationVersion::getVersion).toList())
                    + "); give one of them, or latest");
        }
    }

    private static MigrationVersion parseTarget(String target) {
        if (target == null || target.isBlank() || target.equalsIgnoreCase("latest")) {
            return null;
        }
        if (!target.matches("\\d+(\\.\\d+)*")) {
            throw new IllegalArgumentException(
                    "target version \"" + target + "\" is not a version; give one such as 1 or 2 (or latest)");
        }
        return MigrationVersion.fromVersion(target);
    }

    /** Flyway failures as runstore errors: a runstore error inside stays as it was. */
    private static DbException translate(Database db, FlywayException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof DbException domain) {
                return domain;
            }
        }
        String first =
                String.valueOf(e.getMessage()).strip().lines().findFirst().orElse("");
        DbException translated = db.translate(e);
        if (translated.getClass() != DbException.class) {
            return translated;
        }
        return new IncompatibleDatabaseException("migrating \"" + db.location() + "\" failed: " + first, e);
    }
}
