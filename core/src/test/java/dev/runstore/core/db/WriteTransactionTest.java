package dev.runstore.core.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runstore.core.error.BusyException;
import dev.runstore.core.error.ConflictException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WriteTransactionTest {
    @TempDir
    Path dir;

    Path file;

    @BeforeEach
    void setUp() {
        file = dir.resolve("tx.db");
        try (Database db = Database.open(file)) {
            Workloads.createTables(db);
        }
    }

    @Test
    void anExceptionInTheCallbackRollsBackEverythingItWrote() {
        try (Database db = Database.open(file)) {
            assertThatThrownBy(() -> db.useWrite(h -> {
                        h.execute("INSERT INTO counters (seq, writer) VALUES (1, 'a')");
                        throw new IllegalStateException("caller gave up");
                    }))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("caller gave up");
            assertThat(Workloads.count(db, "counters")).isZero();
        }
    }

    @Test
    void aNestedWriteThatFailsRollsBackOnlyItself() {
        try (Database db = Database.open(file)) {
            db.useWrite(outer -> {
                outer.execute("INSERT INTO counters (seq, writer) VALUES (1, 'outer')");
                try {
                    db.useWrite(inner -> {
                        inner.execute("INSERT INTO counters (seq, writer) VALUES (2, 'inner')");
                        inner.execute("INSERT INTO counters (seq, writer) VALUES (1, 'duplicate')");
                    });
                } catch (ConflictException expected) {
                    // the inner unit failed alone
                }
                outer.execute("INSERT INTO counters (seq, writer) VALUES (3, 'outer')");
            });
            String kept =
                    db.read(h -> h.createQuery("SELECT group_concat(seq) FROM (SELECT seq FROM counters ORDER BY seq)")
                            .mapTo(String.class)
                            .one());
            assertThat(kept).isEqualTo("1,3");
        }
    }

    @Test
    void aDuplicateKeyBecomesAConflictExceptionNamingTheColumn() {
        try (Database db = Database.open(file)) {
            db.useWrite(h -> h.execute("INSERT INTO counters (seq, writer) VALUES (1, 'a')"));

            assertThatThrownBy(() -> db.useWrite(h -> h.execute("INSERT INTO counters (seq, writer) VALUES (1, 'b')")))
                    .isInstanceOf(ConflictException.class)
                    .hasMessageContaining("counters.seq");
        }
    }

    @Test
    void manualTransactionControlInsideAWriteIsRefused() {
        try (Database db = Database.open(file)) {
            assertThatThrownBy(() -> db.useWrite(h -> h.commit()))
                    .hasMessageContaining("Database.write owns the transaction");
        }
    }

    @Test
    void aLockHeldByAnotherProcessPastTheBusyTimeoutIsARetryableBusyException() throws Exception {
        DatabaseConfig shortTimeout =
                DatabaseConfig.builder(file).busyTimeout(Duration.ofMillis(200)).build();
        try (Database db = Database.open(shortTimeout);
                Connection other = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement sql = other.createStatement()) {
            sql.execute("BEGIN IMMEDIATE");
            try {
                long started = System.nanoTime();
                assertThatThrownBy(() -> Workloads.readThenWrite(db, "blocked"))
                        .isInstanceOfSatisfying(
                                BusyException.class,
                                e -> assertThat(e.isRetryable()).isTrue())
                        .hasMessageContaining("more than 200 ms");
                assertThat(Duration.ofNanos(System.nanoTime() - started))
                        .as("waited the whole busy timeout before giving up")
                        .isGreaterThanOrEqualTo(Duration.ofMillis(200));
            } finally {
                sql.execute("ROLLBACK");
            }
            Workloads.readThenWrite(db, "after");
            assertThat(Workloads.count(db, "counters")).isEqualTo(1);
        }
    }
}
