package dev.runstore.core.migrate;

import java.sql.Connection;
import java.sql.Statement;
import java.util.Locale;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;

/**
 * V2: constraints the first events table lacked — a payload is inline or out of line, never both;
 * any payload has its hash; lengths are not negative. SQLite cannot add a CHECK to an existing
 * table, so there it is a {@link TableRebuild}; PostgreSQL adds the constraint in place.
 */
final class V2EventsPayloadChecks implements JavaMigration {
    static final String CHECKS = "CONSTRAINT events_payload_check CHECK (payload IS NULL OR payload_uri IS NULL),"
            + " CONSTRAINT events_payload_sha256_check CHECK ((payload IS NULL AND payload_uri IS NULL)"
            + " = (payload_sha256 IS NULL)),"
            + " CONSTRAINT events_message_length_check CHECK (message_length >= 0)";

    @Override
    public MigrationVersion getVersion() {
        return MigrationVersion.fromVersion("2");
    }

    @Override
    public String getDescription() {
        return "events payload checks";
    }

    @Override
    public Integer getChecksum() {
        return null; // guarded by migrations.lock, which hashes this source file
    }

    @Override
    public boolean canExecuteInTransaction() {
        return false; // the SQLite rebuild turns foreign keys off, which only works outside a transaction
    }

    @Override
    public void migrate(Context context) throws Exception {
        Connection connection = context.getConnection();
        String product = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
        if (product.contains("postgres")) {
            try (Statement statement = connection.createStatement()) {
                for (String check : CHECKS.split(",\\s*(?=CONSTRAINT)")) {
                    statement.execute("ALTER TABLE events ADD " + check);
                }
            }
            return;
        }
        TableRebuild.of("events")
                .definition("(id INTEGER PRIMARY KEY,"
                        + " run_id BIGINT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,"
                        + " seq BIGINT NOT NULL,"
                        + " ts TEXT NOT NULL,"
                        + " level TEXT NOT NULL,"
                        + " kind TEXT NOT NULL,"
                        + " message TEXT NOT NULL,"
                        + " message_length INTEGER NOT NULL,"
                        + " payload TEXT,"
                        + " payload_uri TEXT,"
                        + " payload_sha256 TEXT,"
                        + " CONSTRAINT events_level_check CHECK (level IN ('debug', 'info', 'warning', 'error')), "
                        + CHECKS
                        + ")")
                .run(connection);
    }
}
