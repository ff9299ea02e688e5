package dev.runstore.core.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runstore.core.backend.Backend;
import dev.runstore.core.cli.CliJar.Run;
import dev.runstore.core.db.Dialect;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@link CliContractIT} on a fresh schema of the PostgreSQL server named by RUNSTORE_TEST_PG_URL
 * (skipped, visibly, when it is unset; .ci/run always sets it).
 */
class PostgresCliContractIT extends CliContractIT {
    @Override
    String freshDb() {
        return new Backend(Dialect.POSTGRESQL).fresh(dir).build().url();
    }

    @Override
    Connection connect(String db) throws SQLException {
        return DriverManager.getConnection(db);
    }

    @Override
    int checkCount() {
        // No WAL, foreign-key, quick_check or foreign_key_check rows (the server has those built
        // in); one for invalid indexes instead.
        return 27;
    }

    @Override
    String resetWithoutYesError() {
        return "runstore cannot back up a PostgreSQL database before resetting it, so a reset there always needs"
                + " --yes (take a pg_dump first); nothing was changed";
    }

    @Override
    String resetBackupLinePattern(String db) {
        return Pattern.quote("backup: none (PostgreSQL: take one with pg_dump)");
    }

    @Test
    void backupIsRefusedWithThePgDumpAdviceAndExitTwo() {
        String db = freshDb();
        assertQuiet(on(db, "demo", "--runs", "2", "--events-per-run", "5"));
        String before = snapshot(db);

        Run backup = on(db, "backup", "--to", dir.resolve("copy.db").toString());

        assertFails(
                backup,
                2,
                "runstore backs up SQLite files only; back up PostgreSQL with pg_dump, e.g. pg_dump --format=custom"
                        + " --file=runstore.dump <database>");
        assertThat(dir.resolve("copy.db")).doesNotExist();
        assertThat(snapshot(db)).isEqualTo(before);
    }

    @Test
    void queryRunsReadOnlyOnTheServerAndASmuggledWriteIsExitSixWithNothingChanged() {
        String db = freshDb();
        assertQuiet(on(db, "demo", "--runs", "2", "--events-per-run", "5"));
        String before = snapshot(db);

        Run select = on(db, "query", "SELECT count(*) AS runs, $$a;b$$ AS quoted FROM runs");
        assertQuiet(select);
        assertThat(select.out()).contains("runs").contains("a;b").contains("2");
        assertFails(on(db, "query", "DELETE FROM runs"), 6, "runstore runs read-only SQL: DELETE would change");
        assertFails(
                on(db, "query", "WITH gone AS (DELETE FROM runs RETURNING *) SELECT count(*) FROM gone"),
                6,
                "runstore runs read-only SQL: the server refused a write");
        assertFails(on(db, "query", "SELECT $$x$$; DELETE FROM runs"), 6, "runstore runs read-only SQL: one statement");
        assertThat(snapshot(db)).isEqualTo(before);
    }
}
