package dev.runstore.core.backend;

import dev.runstore.core.db.DatabaseConfig;
import dev.runstore.core.db.Dialect;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;

/**
 * A database engine the contract suites run against: a fresh SQLite file, or a fresh schema on the
 * PostgreSQL server named by RUNSTORE_TEST_PG_URL (.ci/run always starts one). Without that
 * variable the PostgreSQL cases are skipped, visibly.
 */
public record Backend(Dialect dialect) {
    public static final String PG_URL_VARIABLE = "RUNSTORE_TEST_PG_URL";

    /** A new, empty database of this engine. */
    public DatabaseConfig.Builder fresh(Path folder) {
        if (dialect == Dialect.SQLITE) {
            return DatabaseConfig.builder(folder.resolve("contract-" + UUID.randomUUID() + ".db"));
        }
        String url = System.getenv(PG_URL_VARIABLE);
        Assumptions.assumeTrue(
                url != null && !url.isBlank(), PG_URL_VARIABLE + " is not set; .ci/run sets it for a throwaway server");
        String schema = "t_"
                + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toLowerCase(Locale.ROOT);
        try (Connection connection = DriverManager.getConnection(url);
                Statement sql = connection.createStatement()) {
            sql.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create a test schema on " + url, e);
        }
        return DatabaseConfig.postgres(url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema);
    }

    @Override
    public String toString() {
        return dialect.name().toLowerCase(Locale.ROOT);
    }
}
