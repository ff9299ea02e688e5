package dev.runstore.core.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * FULL durability holds on PostgreSQL even for a role whose default turned synchronous_commit off;
 * NORMAL leaves the server's choice. Runs against the server named by RUNSTORE_TEST_PG_URL.
 */
class PostgresDurabilityTest {
    private static final String PG_URL_VARIABLE = "RUNSTORE_TEST_PG_URL";

    private String adminUrl;
    private String role;

    @BeforeEach
    void aRoleThatCommitsWithoutWaitingForTheWal() throws SQLException {
        adminUrl = System.getenv(PG_URL_VARIABLE);
        Assumptions.assumeTrue(
                adminUrl != null && !adminUrl.isBlank(),
                PG_URL_VARIABLE + " is not set; .ci/run sets it for a throwaway server");
        role = "rs_durable_"
                + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT);
        try (Connection connection = DriverManager.getConnection(adminUrl);
                Statement sql = connection.createStatement()) {
            sql.execute("CREATE ROLE " + role + " LOGIN");
            sql.execute("ALTER ROLE " + role + " SET synchronous_commit = off");
        }
    }

    @AfterEach
    void dropTheRole() throws SQLException {
        if (role == null) {
            return;
        }
        try (Connection connection = DriverManager.getConnection(adminUrl);
                Statement sql = connection.createStatement()) {
            sql.execute("DROP ROLE IF EXISTS " + role);
        }
    }

    @Test
    void fullSetsSynchronousCommitOnForTheWriterWhateverTheRoleSays() {
        assertThat(writerSetting(Durability.FULL)).isEqualTo("on");
    }

    @Test
    void normalLeavesTheServersSetting() {
        assertThat(writerSetting(Durability.NORMAL)).isEqualTo("off");
    }

    @Test
    void fullKeepsAStrongerSettingOfTheServer() throws SQLException {
        try (Connection connection = DriverManager.getConnection(adminUrl);
                Statement sql = connection.createStatement()) {
            sql.execute("ALTER ROLE " + role + " SET synchronous_commit = remote_apply");
        }

        assertThat(writerSetting(Durability.FULL)).isEqualTo("remote_apply");
    }

    private String writerSetting(Durability durability) {
        DatabaseConfig config =
                DatabaseConfig.postgres(asRole(adminUrl)).durability(durability).build();
        try (Database db = Database.open(config)) {
            return db.write(h ->
                    h.createQuery("SHOW synchronous_commit").mapTo(String.class).one());
        }
    }

    /** The test server's URL, logging in as the throwaway role (the test server trusts local logins). */
    private String asRole(String url) {
        if (url.matches(".*[?&]user=.*")) {
            return url.replaceAll("([?&])user=[^&]*", "$1user=" + role);
        }
        return url + (url.contains("?") ? "&" : "?") + "user=" + role;
    }
}
