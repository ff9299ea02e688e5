package dev.runstore.core.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runstore.core.backend.Backend;
import dev.runstore.core.error.DbException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BiFunction;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A write whose callback catches a failed statement and carries on. Some failures end the whole
 * transaction: on SQLite ON CONFLICT ROLLBACK, RAISE(ROLLBACK) or a full disk roll it back, and
 * every later statement would then commit on its own; on PostgreSQL any failure aborts it, and its
 * COMMIT then rolls back without a word. Either way what the caller hears must be true of the
 * database: told "ok", everything the write did is stored; told "failed", nothing is. Runs on both
 * engines (PostgreSQL: the server named by RUNSTORE_TEST_PG_URL).
 */
class SwallowedFailureTest {
    @TempDir
    Path dir;

    /** How each engine fails a statement in a way that ends (SQLite) or aborts (PostgreSQL) the transaction. */
    private static String endingFailure(Dialect dialect) {
        return dialect == Dialect.SQLITE
                ? "INSERT OR ROLLBACK INTO counters (seq, writer) VALUES (1, 'clash')"
                : "INSERT INTO counters (seq, writer) VALUES (1, 'clash')";
    }

    private Database open(Dialect dialect) {
        Database db = Database.open(new Backend(dialect).fresh(dir).build());
        db.useWrite(h -> {
            h.execute("CREATE TABLE counters (seq INTEGER PRIMARY KEY, writer TEXT NOT NULL)");
            h.execute("INSERT INTO counters (seq, writer) VALUES (1, 'existing')");
        });
        return db;
    }

    /** Runs {@code sql} as a callback that catches its failure and carries on would. */
    private static void swallowing(Handle h, String sql) {
        try {
            h.execute(sql);
        } catch (RuntimeException swallowed) {
            // carries on as if only that statement had failed
        }
    }

    private static List<String> stored(Database db) {
        return db.read(h -> h.createQuery("SELECT writer FROM counters ORDER BY seq")
                .mapTo(String.class)
                .list());
    }

    /** The write through {@code db.write} and through a lone {@code db.writeInGroup}. */
    private static final List<BiFunction<Database, HandleCallback<Integer, RuntimeException>, Integer>> WAYS =
            List.of((db, callback) -> db.write(callback), (db, callback) -> db.writeInGroup(callback));

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void aWriteThatCarriesOnAfterItsTransactionEndedStoresNothingAndFails(Dialect dialect) {
        try (Database db = open(dialect)) {
            for (var way : WAYS) {
                assertThatThrownBy(() -> way.apply(db, h -> {
                            h.execute("INSERT INTO counters (seq, writer) VALUES (2, 'before')");
                            swallowing(h, endingFailure(dialect));
                            return h.execute("INSERT INTO counters (seq, writer) VALUES (3, 'after')");
                        }))
                        .isInstanceOf(DbException.class)
                        // SQLite's ended transaction is refused by runstore; PostgreSQL refuses
                        // statements in an aborted one by itself.
                        .hasMessageContaining(
                                dialect == Dialect.SQLITE
                                        ? "a statement that failed in it"
                                        : "current transaction is aborted");
                assertThat(stored(db)).containsExactly("existing");
            }
            db.useWrite(h -> h.execute("INSERT INTO counters (seq, writer) VALUES (4, 'next')"));
            assertThat(stored(db)).containsExactly("existing", "next");
        }
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void aWriteThatReturnsAfterSwallowingSuchAFailureFailsRatherThanReportAnEmptyCommit(Dialect dialect) {
        try (Database db = open(dialect)) {
            for (var way : WAYS) {
                assertThatThrownBy(() -> way.apply(db, h -> {
                            h.execute("INSERT INTO counters (seq, writer) VALUES (2, 'before')");
                            swallowing(h, endingFailure(dialect));
                            return 1;
                        }))
                        .isInstanceOf(DbException.class);
                assertThat(stored(db)).containsExactly("existing");
            }
        }
    }

    /** A nested write after the transaction ended would begin a new one, which its RELEASE commits. */
    @ParameterizedTest
    @EnumSource(Dialect.class)
    void aNestedWriteAfterTheTransactionEndedStoresNothingEither(Dialect dialect) {
        try (Database db = open(dialect)) {
            assertThatThrownBy(() -> db.write(h -> {
                        h.execute("INSERT INTO counters (seq, writer) VALUES (2, 'before')");
                        swallowing(h, endingFailure(dialect));
                        try {
                            db.useWrite(nested ->
                                    nested.execute("INSERT INTO counters (seq, writer) VALUES (3, 'nested')"));
                        } catch (RuntimeException swallowedToo) {
                            // and on
                        }
                        return h.execute("INSERT INTO counters (seq, writer) VALUES (4, 'after')");
                    }))
                    .isInstanceOf(DbException.class);
            assertThat(stored(db)).containsExactly("existing");
        }
    }

    /**
     * A failure that a savepoint took back (a nested write that failed, a ROLLBACK TO of the
     * callback's own) leaves the transaction usable on both engines, PostgreSQL included: the rest
     * of the write commits.
     */
    @ParameterizedTest
    @EnumSource(Dialect.class)
    void aFailureTakenBackBySavepointsLetsTheWriteCommitTheRest(Dialect dialect) {
        try (Database db = open(dialect)) {
            int last = db.write(h -> {
                h.execute("INSERT INTO counters (seq, writer) VALUES (2, 'before')");
                try {
                    db.useWrite(nested -> {
                        swallowing(nested, "INSERT INTO counters (seq, writer) VALUES (1, 'clash')");
                        nested.execute("INSERT INTO counters (seq, writer) VALUES (3, 'nested')");
                    });
                } catch (RuntimeException nestedFailed) {
                    // PostgreSQL refused the nested write's later statement; its savepoint took it back
                }
                h.execute("SAVEPOINT mine");
                try {
                    h.execute("INSERT INTO counters (seq, writer) VALUES (1, 'clash again')");
                } catch (RuntimeException swallowed) {
                    h.execute("ROLLBACK TO SAVEPOINT mine");
                }
                h.execute("RELEASE SAVEPOINT mine");
                return h.execute("INSERT INTO counters (seq, writer) VALUES (4, 'after')");
            });
            assertThat(last).isEqualTo(1);
            // SQLite undoes only the failed statement, so the nested write went on and committed.
            assertThat(stored(db))
                    .containsExactlyElementsOf(
                            dialect == Dialect.SQLITE
                                    ? List.of("existing", "before", "nested", "after")
                                    : List.of("existing", "before", "after"));
        }
    }

    /** In a group, whatever each unit heard is true of the file, and only the swallowing unit fails. */
    @ParameterizedTest
    @EnumSource(Dialect.class)
    void aUnitThatCarriesOnAfterItsFailureInAGroupLeavesEveryAnswerTrue(Dialect dialect) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try (Database db = open(dialect)) {
            List<Future<Integer>> group = OneGroup.of(
                    db,
                    threads,
                    9,
                    List.of(
                            h -> h.execute("INSERT INTO counters (seq, writer) VALUES (2, 'a')"),
                            h -> {
                                swallowing(h, endingFailure(dialect));
                                return h.execute("INSERT INTO counters (seq, writer) VALUES (3, 'b')");
                            },
                            h -> h.execute("INSERT INTO counters (seq, writer) VALUES (4, 'c')")));
            List<String> outcomes = OneGroup.outcomes(group);
            List<String> stored = stored(db);
            List<String> writers = List.of("a", "b", "c");
            for (int i = 0; i < writers.size(); i++) {
                assertThat(stored.contains(writers.get(i)))
                        .as("%s was told %s; stored: %s", writers.get(i), outcomes.get(i), stored)
                        .isEqualTo(outcomes.get(i).equals("ok"));
            }
            // SQLite: the unit that ended the transaction is dropped and the others run again;
            // PostgreSQL: its savepoint takes its failure back.
            assertThat(outcomes).containsExactly("ok", "failed", "ok");
        } finally {
            threads.shutdownNow();
        }
    }

    /**
     * The end is seen however it came: a trigger's RAISE(ROLLBACK), or a failure on the handle's
     * raw connection, out of Jdbi's sight.
     */
    @ParameterizedTest
    @EnumSource(value = Dialect.class, names = "SQLITE")
    void aTriggersRollbackOrARawConnectionsFailureIsSeenToo(Dialect dialect) {
        try (Database db = open(dialect)) {
            db.useWrite(h -> h.execute("CREATE TRIGGER no_thirteen BEFORE INSERT ON counters WHEN NEW.seq = 13"
                    + " BEGIN SELECT RAISE(ROLLBACK, 'no thirteen'); END"));
            List<HandleCallback<Integer, RuntimeException>> endings = List.of(
                    h -> {
                        try {
                            return h.execute("INSERT INTO counters (seq, writer) VALUES (13, 'thirteen')");
                        } catch (RuntimeException swallowed) {
                            return 0;
                        }
                    },
                    h -> {
                        try (Statement raw = h.getConnection().createStatement()) {
                            return raw.executeUpdate(endingFailure(dialect));
                        } catch (SQLException swallowed) {
                            return 0;
                        }
                    });
            for (var ending : endings) {
                assertThatThrownBy(() -> db.write(h -> {
                            h.execute("INSERT INTO counters (seq, writer) VALUES (2, 'before')");
                            ending.withHandle(h);
                            return h.execute("INSERT INTO counters (seq, writer) VALUES (3, 'after')");
                        }))
                        .hasMessageContaining("rolled back by a statement that failed in it");
                assertThat(stored(db)).containsExactly("existing");
            }
        }
    }

    /** COMMIT or ROLLBACK run as SQL inside a write would end it half way: refused, as handle.commit() is. */
    @ParameterizedTest
    @EnumSource(Dialect.class)
    void aCallbacksOwnCommitOrRollbackIsRefusedAndNothingIsStored(Dialect dialect) {
        try (Database db = open(dialect)) {
            for (String control : List.of("COMMIT", "rollback", "  END TRANSACTION", "BEGIN")) {
                assertThatThrownBy(() -> db.write(h -> {
                            h.execute("INSERT INTO counters (seq, writer) VALUES (2, 'before')");
                            h.execute(control);
                            return h.execute("INSERT INTO counters (seq, writer) VALUES (3, 'after')");
                        }))
                        .isInstanceOf(IllegalStateException.class)
                        .hasMessageContaining("Database.write owns the transaction");
                assertThat(stored(db)).containsExactly("existing");
            }
        }
    }

    /** The guard must not cost a write whose failed statement left the transaction intact. */
    @ParameterizedTest
    @EnumSource(Dialect.class)
    void aFailureUndoneByANestedWriteLetsTheWriteCommitEverythingElse(Dialect dialect) {
        try (Database db = open(dialect)) {
            int stored = db.write(h -> {
                h.execute("INSERT INTO counters (seq, writer) VALUES (2, 'before')");
                try {
                    db.useWrite(nested -> nested.execute("INSERT INTO counters (seq, writer) VALUES (1, 'clash')"));
                } catch (RuntimeException undone) {
                    // the nested write's savepoint took its failure back
                }
                return h.execute("INSERT INTO counters (seq, writer) VALUES (3, 'after')");
            });
            assertThat(stored).isEqualTo(1);
            assertThat(stored(db)).containsExactly("existing", "before", "after");
        }
    }

    /** On SQLite a plain constraint failure undoes only its statement: the write goes on and commits. */
    @ParameterizedTest
    @EnumSource(value = Dialect.class, names = "SQLITE")
    void aSwallowedFailureThatKeptTheTransactionCommitsTheRest(Dialect dialect) {
        try (Database db = open(dialect)) {
            for (var way : WAYS) {
                int seq = way == WAYS.get(0) ? 10 : 20;
                way.apply(db, h -> {
                    h.execute("INSERT INTO counters (seq, writer) VALUES (" + seq + ", 'before')");
                    swallowing(h, "INSERT INTO counters (seq, writer) VALUES (1, 'clash')");
                    return h.execute("INSERT INTO counters (seq, writer) VALUES (" + (seq + 1) + ", 'after')");
                });
            }
            assertThat(stored(db)).containsExactly("existing", "before", "after", "before", "after");
        }
    }
}
