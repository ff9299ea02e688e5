package dev.runstore.core.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runstore.core.backend.Backend;
import dev.runstore.core.error.DbException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BiFunction;
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
                            try {
                                h.execute(endingFailure(dialect));
                            } catch (RuntimeException swallowed) {
                                // carries on as if only that statement had failed
                            }
                            return h.execute("INSERT INTO counters (seq, writer) VALUES (3, 'after')");
                        }))
                        .isInstanceOf(DbException.class)
                        .hasMessageContaining("a statement that failed in it");
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
                            try {
                                h.execute(endingFailure(dialect));
                            } catch (RuntimeException swallowed) {
                                // returns as if the write had succeeded
                            }
                            return 1;
                        }))
                        .isInstanceOf(DbException.class);
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
                    try {
                        h.execute("INSERT INTO counters (seq, writer) VALUES (1, 'clash')");
                    } catch (RuntimeException swallowed) {
                        // only this statement failed
                    }
                    return h.execute("INSERT INTO counters (seq, writer) VALUES (" + (seq + 1) + ", 'after')");
                });
            }
            assertThat(stored(db)).containsExactly("existing", "before", "after", "before", "after");
        }
    }
}
