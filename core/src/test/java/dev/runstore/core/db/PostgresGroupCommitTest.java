package dev.runstore.core.db;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runstore.core.backend.Backend;
import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On PostgreSQL any failed statement aborts the whole transaction, savepoints aside. A group's
 * first pass has none, so a unit that swallows such a failure (here out of Jdbi's sight, on the
 * handle's raw connection) leaves a transaction whose COMMIT the server refuses: that must cost
 * the swallowing unit alone, not the innocent units of its group. Runs against the server named
 * by RUNSTORE_TEST_PG_URL.
 */
class PostgresGroupCommitTest {
    @TempDir
    Path dir;

    @Test
    void aSwallowedFailureOnPostgresqlFailsItsOwnUnitAndTheOthersCommit() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try (Database db =
                Database.open(new Backend(Dialect.POSTGRESQL).fresh(dir).build())) {
            db.useWrite(h -> {
                h.execute("CREATE TABLE counters (seq INTEGER PRIMARY KEY, writer TEXT NOT NULL)");
                h.execute("INSERT INTO counters (seq, writer) VALUES (1, 'existing')");
            });
            List<Future<Integer>> group = OneGroup.of(
                    db,
                    threads,
                    9,
                    List.of(
                            h -> h.execute("INSERT INTO counters (seq, writer) VALUES (2, 'a')"),
                            h -> h.execute("INSERT INTO counters (seq, writer) VALUES (3, 'b')"),
                            h -> {
                                try (Statement raw = h.getConnection().createStatement()) {
                                    raw.execute("INSERT INTO counters (seq, writer) VALUES (1, 'clash')");
                                } catch (SQLException swallowed) {
                                    // carries on; the server has aborted the transaction meanwhile
                                }
                                return 1;
                            }));

            List<String> outcomes = OneGroup.outcomes(group);
            // Read once every unit has its answer, that is after the group's commit.
            List<String> stored = db.read(h -> h.createQuery("SELECT writer FROM counters ORDER BY seq")
                    .mapTo(String.class)
                    .list());
            assertThat(stored)
                    .as("stored, the units told %s", outcomes)
                    .containsExactly("existing", "a", "b", "blocker");
            assertThat(outcomes).containsExactly("ok", "ok", "failed");
        } finally {
            threads.shutdownNow();
        }
    }
}
