package dev.runstore.core.backend;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runstore.core.db.Dialect;
import dev.runstore.core.query.SqlRefusedException;
import java.util.List;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Typed read-only SQL on SQLite files. */
class SqliteReadOnlySqlTest extends ReadOnlySqlContract {
    SqliteReadOnlySqlTest() {
        super(new Backend(Dialect.SQLITE));
    }

    @Override
    String endless() {
        return "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x+1 FROM c) SELECT count(*) FROM c";
    }

    @Override
    void awaitRunning(Future<?> query) throws InterruptedException {
        // A cancel before the statement starts is kept and stops it as it registers: either way it ends.
        Thread.sleep(50);
    }

    /** PostgreSQL's quotes are not SQLite's: what hides a statement there is a second one here. */
    @Test
    void postgresQuotingHidesNothingFromTheSqliteGuard() {
        for (String sql : List.of(
                "SELECT $$;DELETE FROM runs$$",
                "SELECT E'\\'; DELETE FROM runs; --'",
                "SELECT 1 /* /* */ ; DELETE FROM runs; */")) {
            assertThatThrownBy(() -> run(sql)).as(sql).isInstanceOf(RuntimeException.class);
        }
        org.assertj.core.api.Assertions.assertThat(runCount()).isEqualTo(3);
        assertThatThrownBy(() -> run("SELECT 1 /* /* */ ; DELETE FROM runs; */"))
                .isInstanceOf(SqlRefusedException.class)
                .hasMessageContaining("one statement at a time");
    }
}
