package dev.runstore.core.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runstore.core.db.AccessMode;
import dev.runstore.core.db.Database;
import dev.runstore.core.db.DatabaseConfig;
import dev.runstore.core.db.Dialect;
import dev.runstore.core.error.OperationRefusedException;
import dev.runstore.core.query.Cancellation;
import dev.runstore.core.query.ReadOnlySql;
import dev.runstore.core.query.SqlRefusedException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Typed read-only SQL on a real PostgreSQL server (RUNSTORE_TEST_PG_URL; .ci/run starts one): its
 * quoting, and writes smuggled past the lexical guard that the READ ONLY transaction stops.
 */
class PostgresReadOnlySqlTest extends ReadOnlySqlContract {
    PostgresReadOnlySqlTest() {
        super(new Backend(Dialect.POSTGRESQL));
    }

    @Override
    String endless() {
        return "SELECT pg_sleep(600)";
    }

    @Override
    void awaitRunning(Future<?> query) throws Exception {
        try (Connection admin = admin();
                Statement sql = admin.createStatement()) {
            for (int i = 0; i < 600 && !query.isDone(); i++) {
                try (ResultSet rows = sql.executeQuery("SELECT count(*) FROM pg_stat_activity"
                        + " WHERE query = 'SELECT pg_sleep(600)' AND state = 'active'")) {
                    rows.next();
                    if (rows.getInt(1) > 0) {
                        return;
                    }
                }
                TimeUnit.MILLISECONDS.sleep(50);
            }
        }
        throw new AssertionError("pg_sleep never showed up in pg_stat_activity");
    }

    /** A superuser connection to the same schema, for what the read-only database cannot do. */
    Connection admin() throws Exception {
        return DriverManager.getConnection(config.url());
    }

    @Test
    void dollarQuotesEscapeStringsAndNestedCommentsAreOneTokenAsThePostgresParserSeesThem() {
        assertThat(run("SELECT $$;DELETE FROM runs$$ AS body").rows()).containsExactly(List.of(";DELETE FROM runs"));
        assertThat(run("SELECT $a$ $$ ; DELETE FROM runs; $$ $a$ AS body").rows())
                .containsExactly(List.of(" $$ ; DELETE FROM runs; $$ "));
        assertThat(run("SELECT E'\\'; DELETE FROM runs; --' AS body").rows())
                .containsExactly(List.of("'; DELETE FROM runs; --"));
        assertThat(run("SELECT 1 AS one /* /* */ ; DELETE FROM runs; */").rows())
                .containsExactly(List.of(1L));
        assertThat(run("SELECT name::text FROM runs WHERE name = 'beta'").rows())
                .containsExactly(List.of("beta"));
        assertThat(runCount()).isEqualTo(3);
    }

    @Test
    void aStatementThatTriesToEscapeThroughDollarQuotesIsRefused() {
        for (String sql : List.of(
                "SELECT $a$ x $a$; DELETE FROM runs; SELECT $a$ y $a$",
                "SELECT $$x$$; DELETE FROM runs",
                "SELECT E'\\\\'; DELETE FROM runs; --'",
                "SELECT 1 /* /* */ */ ; DELETE FROM runs")) {
            assertThatThrownBy(() -> run(sql))
                    .as(sql)
                    .isInstanceOf(SqlRefusedException.class)
                    .hasMessageContaining("one statement at a time");
        }
        assertThat(runCount()).isEqualTo(3);
    }

    @Test
    void writesSmuggledThroughFunctionsAndWritableCtesFailAndTheDataIsUnchanged() throws Exception {
        try (Connection admin = admin();
                Statement sql = admin.createStatement()) {
            sql.execute("CREATE SEQUENCE s");
            sql.execute("CREATE FUNCTION sneaky() RETURNS int LANGUAGE sql AS" + " $$ DELETE FROM runs; SELECT 1 $$");
        }
        for (String sql : List.of(
                "SELECT nextval('s')",
                "WITH gone AS (DELETE FROM runs RETURNING *) SELECT count(*) FROM gone",
                "SELECT sneaky()",
                "SELECT * INTO copied FROM runs",
                "EXPLAIN (ANALYZE) DELETE FROM runs",
                "SELECT pg_catalog.set_config('transaction_read_only', 'off', true)",
                "SELECT \"set_config\"('default_transaction_read_only', 'off', false)",
                "SELECT pg_advisory_lock(1)",
                "SELECT pg_terminate_backend(pg_backend_pid())",
                "COPY runs TO '/tmp/runs.txt'",
                "TRUNCATE runs",
                "DO $$ BEGIN DELETE FROM runs; END $$",
                "CALL anything()",
                "SET default_transaction_read_only = off")) {
            assertThatThrownBy(() -> run(sql)).as(sql).isInstanceOf(OperationRefusedException.class);
        }
        assertThat(runCount()).isEqualTo(3);
        assertThat(run("SELECT last_value, is_called FROM s").rows()).containsExactly(List.of(1L, false));
        assertThat(run("SELECT count(*) FROM pg_tables WHERE tablename = 'copied'")
                        .rows())
                .containsExactly(List.of(0L));
        assertThat(run("SHOW transaction_read_only").rows()).containsExactly(List.of("on"));
    }

    /** Text the lexical guard once read as one statement while pgjdbc or the server read several. */
    @Test
    void aSecondStatementHiddenFromTheLexerIsRefusedByTheGuardAndNothingChanges() {
        for (String sql : List.of(
                "SELECT 1 --\r; ROLLBACK; BEGIN READ WRITE; DELETE FROM runs; COMMIT",
                "SELECT 1 AS \u2028$$; ROLLBACK; BEGIN READ WRITE; DELETE FROM runs; COMMIT; SELECT $$")) {
            assertThatThrownBy(() -> run(sql))
                    .as(sql)
                    .isInstanceOf(SqlRefusedException.class)
                    .hasMessageContaining("one statement at a time");
        }
        assertThat(runCount()).isEqualTo(3);
        assertThat(run("SELECT 2 AS two -- a comment\r\n").rows()).containsExactly(List.of(2L));
    }

    @Test
    void theDriversOwnSplitterIsAskedAgainBehindTheLexer() throws Exception {
        java.util.Optional<String> two =
                db.read(h -> db.engine().severalStatements(h, "SELECT 1 --\r; DELETE FROM runs"));
        assertThat(two).hasValueSatisfying(why -> assertThat(why).contains("the PostgreSQL driver reads 2"));
        java.util.Optional<String> one = db.read(h -> db.engine().severalStatements(h, "SELECT $$;$$ /* ; */"));
        assertThat(one).isEmpty();
    }

    @Test
    void unicodeEscapedNamesAndFunctionsThatRunSqlFromAStringAreRefusedByTheGuard() throws Exception {
        for (String sql : List.of(
                "SELECT U&\"pg_advisory_lock\"(424242)",
                "SELECT U&\"pg_advisory\\005flock\"(424242)",
                "SELECT U&\"name\" FROM runs")) {
            assertThatThrownBy(() -> run(sql))
                    .as(sql)
                    .isInstanceOf(SqlRefusedException.class)
                    .hasMessageContaining("Unicode escapes");
        }
        for (String sql : List.of(
                "SELECT query_to_xml('SELECT pg_advisory_lock(424242)', true, false, '')",
                "SELECT * FROM ts_stat('SELECT to_tsvector(pg_advisory_lock(424242)::text)')")) {
            assertThatThrownBy(() -> run(sql))
                    .as(sql)
                    .isInstanceOf(SqlRefusedException.class)
                    .hasMessageContaining("runs SQL written in a string");
        }
        try (Connection admin = admin();
                Statement sql = admin.createStatement();
                ResultSet rows = sql.executeQuery(
                        "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND objid = 424242")) {
            rows.next();
            assertThat(rows.getInt(1)).as("advisory locks left behind").isZero();
        }
    }

    @Test
    void explainAnalyzeInTheOlderFormRunsAReadAndIsRefusedByTheGuardForAWrite() {
        assertThat(run("EXPLAIN ANALYZE SELECT 1").rows()).isNotEmpty();
        assertThat(run("EXPLAIN ANALYSE VERBOSE SELECT name FROM runs").rows()).isNotEmpty();
        assertThat(ReadOnlySql.plan(db, "EXPLAIN VERBOSE SELECT * FROM runs", Cancellation.none())
                        .roots())
                .isNotEmpty();
        for (String sql : List.of("EXPLAIN ANALYSE DELETE FROM runs", "EXPLAIN ANALYZE VERBOSE DELETE FROM runs")) {
            assertThatThrownBy(() -> run(sql))
                    .as(sql)
                    .isInstanceOf(SqlRefusedException.class)
                    .hasMessageContaining("DELETE would change the database");
        }
        assertThat(runCount()).isEqualTo(3);
    }

    /**
     * A role whose sessions start with standard_conforming_strings off, where {@code \'} would end
     * no string for the guard and one for the server: runstore's sessions turn it back on.
     */
    @Test
    void aReaderHasStandardConformingStringsOnWhateverTheRoleSets() throws Exception {
        String role = "runstore_scs_" + Long.toHexString(System.nanoTime());
        String schema = config.url().replaceFirst(".*currentSchema=", "");
        try (Connection admin = admin();
                Statement sql = admin.createStatement()) {
            sql.execute("CREATE ROLE " + role + " LOGIN");
            sql.execute("ALTER ROLE " + role + " SET standard_conforming_strings = off");
            sql.execute("GRANT USAGE ON SCHEMA " + schema + " TO " + role);
            sql.execute("GRANT ALL ON ALL TABLES IN SCHEMA " + schema + " TO " + role);
        }
        try (Database asRole =
                Database.open(DatabaseConfig.postgres(config.url().replaceFirst("user=[^&]*", "user=" + role))
                        .mode(AccessMode.READ_ONLY)
                        .build())) {
            assertThat(ReadOnlySql.run(asRole, "SHOW standard_conforming_strings", 0, 1, Cancellation.none())
                            .rows())
                    .containsExactly(List.of("on"));
            String smuggled = "SELECT 'x\\''; ROLLBACK; BEGIN READ WRITE; DELETE FROM runs; COMMIT; --' AS s";
            assertThat(ReadOnlySql.run(asRole, smuggled, 0, 1, Cancellation.none())
                            .rows())
                    .containsExactly(List.of("x\\'; ROLLBACK; BEGIN READ WRITE; DELETE FROM runs; COMMIT; --"));
        } finally {
            try (Connection admin = admin();
                    Statement sql = admin.createStatement()) {
                sql.execute("DROP OWNED BY " + role);
                sql.execute("DROP ROLE " + role);
            }
        }
        assertThat(runCount()).isEqualTo(3);
    }

    @Test
    void aConnectionInTheSimpleQueryModeRunsNoTypedSql() {
        try (Database simple = Database.open(DatabaseConfig.postgres(config.url() + "&preferQueryMode=simple")
                .mode(AccessMode.READ_ONLY)
                .build())) {
            assertThatThrownBy(() -> ReadOnlySql.run(simple, "SELECT 1", 0, 1, Cancellation.none()))
                    .isInstanceOf(SqlRefusedException.class)
                    .hasMessageContaining("preferQueryMode=simple");
        }
    }

    @Test
    void theReaderIsReadOnlyAgainAfterEachStatementAndHoldsNoTransaction() throws Exception {
        run("SELECT 1");
        try (Connection admin = admin();
                Statement sql = admin.createStatement();
                ResultSet rows = sql.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE application_name ="
                        + " 'runstore' AND state LIKE 'idle in transaction%'")) {
            rows.next();
            assertThat(rows.getInt(1))
                    .as("runstore sessions idle in a transaction")
                    .isZero();
        }
    }
}
