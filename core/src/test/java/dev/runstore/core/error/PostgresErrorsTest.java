package dev.runstore.core.error;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.runstore.core.backend.Backend;
import dev.runstore.core.db.Database;
import dev.runstore.core.db.DatabaseConfig;
import dev.runstore.core.db.Dialect;
import dev.runstore.core.migrate.Migrator;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every SQLSTATE docs/postgres.md maps, provoked for real on the PostgreSQL server (runstore's own
 * tables, or a two-row table for the lock cases), arriving through {@code Database.write}/{@code
 * read} as the documented exception with a message that names what failed, and neither the bound
 * values, nor Jdbi's statement dump, nor the server's "ERROR:" prefix.
 */
class PostgresErrorsTest {
    /** A value no message may repeat: messages are logged, values are the user's data. */
    private static final String SECRET = "secret-4711";

    private static final String INSERT_RUN = "INSERT INTO runs (name, source, status, started_at, params,"
            + " params_sha256) VALUES (?, 's', ?, TIMESTAMP '2026-11-27 09:00:00', '{\"k\":\"" + SECRET
            + "\"}', 'x')";

    @TempDir
    Path dir;

    private DatabaseConfig migrated(Duration busyTimeout) {
        DatabaseConfig config = new Backend(Dialect.POSTGRESQL)
                .fresh(dir)
                .busyTimeout(busyTimeout)
                .build();
        try (Database db = Database.open(config)) {
            new Migrator().migrate(db);
            db.useWrite(h -> h.execute("CREATE TABLE lock_pair (id INT PRIMARY KEY, v INT NOT NULL)"));
            db.useWrite(h -> h.execute("INSERT INTO lock_pair VALUES (1, 0), (2, 0)"));
        }
        return config;
    }

    private static Connection plain(DatabaseConfig config) throws SQLException {
        return DriverManager.getConnection(config.url());
    }

    @Test
    void aUniqueViolationIsAConflictNamingTableColumnAndConstraint() {
        try (Database db = Database.open(migrated(DatabaseConfig.DEFAULT_BUSY_TIMEOUT))) {
            db.useWrite(h -> h.execute(INSERT_RUN, SECRET, "running"));

            ConflictException e = catchThrowableOfType(
                    () -> db.useWrite(h -> h.execute(INSERT_RUN, SECRET, "running")), ConflictException.class);

            assertThat(e.table()).isEqualTo("runs");
            assertThat(e.columns()).containsExactly("name");
            assertThat(e.values()).isEmpty();
            assertReadable(e, "runs.name", "runs_name_unique");
            assertThat(e.isRetryable()).isFalse();
        }
    }

    @Test
    void aUniqueViolationInsideABatchNamesNeitherTheStatementNorItsValues() {
        // pgjdbc reports a failed batch as a BatchUpdateException whose own message quotes the whole
        // statement with its bound values; only the server's error underneath may reach the message.
        try (Database db = Database.open(migrated(DatabaseConfig.DEFAULT_BUSY_TIMEOUT))) {
            ConflictException e = catchThrowableOfType(
                    () -> db.useWrite(h -> {
                        var batch = h.prepareBatch(INSERT_RUN);
                        batch.bind(0, SECRET).bind(1, "running").add();
                        batch.bind(0, SECRET).bind(1, "running").add();
                        batch.execute();
                    }),
                    ConflictException.class);

            assertThat(e.table()).isEqualTo("runs");
            assertReadable(e, "runs.name", "runs_name_unique");
            assertThat(e.getMessage()).doesNotContain("INSERT", "Batch entry");
        }
    }

    @Test
    void aMissingParentIsAForeignKeyConstraintNamingTableAndConstraint() {
        try (Database db = Database.open(migrated(DatabaseConfig.DEFAULT_BUSY_TIMEOUT))) {
            ConstraintException e = catchThrowableOfType(
                    () -> db.useWrite(h -> h.execute(
                            "INSERT INTO events (run_id, seq, ts, level, kind, message, message_length)"
                                    + " VALUES (4711, 1, TIMESTAMP '2026-11-27 09:00:00', 'info', 'k', ?, 1)",
                            SECRET)),
                    ConstraintException.class);

            assertThat(e.kind()).isEqualTo(ConstraintException.Kind.FOREIGN_KEY);
            assertThat(e.constraint()).isEqualTo("events_run_id_fkey");
            assertReadable(e, "events", "events_run_id_fkey");
            assertThat(e.getMessage()).doesNotContain("4711");
        }
    }

    @Test
    void aNullInANotNullColumnIsANotNullConstraintNamingTheColumn() {
        try (Database db = Database.open(migrated(DatabaseConfig.DEFAULT_BUSY_TIMEOUT))) {
            ConstraintException e = catchThrowableOfType(
                    () -> db.useWrite(h -> h.execute(INSERT_RUN, null, "running")), ConstraintException.class);

            assertThat(e.kind()).isEqualTo(ConstraintException.Kind.NOT_NULL);
            assertThat(e.constraint()).isEqualTo("runs.name");
            assertReadable(e, "runs.name", "NOT NULL");
        }
    }

    @Test
    void aValueOutsideACheckIsACheckConstraintNamingTableAndConstraint() {
        try (Database db = Database.open(migrated(DatabaseConfig.DEFAULT_BUSY_TIMEOUT))) {
            ConstraintException e = catchThrowableOfType(
                    () -> db.useWrite(h -> h.execute(INSERT_RUN, "n", SECRET)), ConstraintException.class);

            assertThat(e.kind()).isEqualTo(ConstraintException.Kind.CHECK);
            assertThat(e.constraint()).isEqualTo("runs_status_check");
            assertReadable(e, "runs", "runs_status_check");
        }
    }

    @Test
    void aConcurrentUpdateOfARowASerializableWriteReadIsABusyError() throws Exception {
        DatabaseConfig config = migrated(DatabaseConfig.DEFAULT_BUSY_TIMEOUT);
        try (Database db = Database.open(config);
                Connection other = plain(config)) {
            other.setTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE);
            other.setAutoCommit(false);
            // Both transactions run on this thread, in a fixed order: runstore's reads the row (its
            // snapshot is taken), the other changes that row and commits, then runstore's writes the
            // row it read. SERIALIZABLE cannot order that after the other's commit: 40001, every time.
            BusyException e = catchThrowableOfType(
                    () -> db.useWrite(h -> {
                        h.execute("SET TRANSACTION ISOLATION LEVEL SERIALIZABLE");
                        h.select("SELECT v FROM lock_pair WHERE id = 1")
                                .mapTo(Integer.class)
                                .one();
                        try (Statement sql = other.createStatement()) {
                            sql.executeUpdate("UPDATE lock_pair SET v = v + 10 WHERE id = 1");
                        }
                        other.commit();
                        h.execute("UPDATE lock_pair SET v = v + 1 WHERE id = 1");
                    }),
                    BusyException.class);

            assertThat(sqlState(e)).isEqualTo("40001");
            assertThat(e.isRetryable()).isTrue();
            assertReadable(e, "serialization failure", "concurrent", "retry");
            assertThat(e.getMessage()).doesNotContain("stayed locked");
            // Nothing of the failed write was kept; the other's commit was.
            assertThat(value(db, 1)).isEqualTo(10);
        }
    }

    @Test
    void aWriteSkewFoundAtCommitIsABusyError() throws Exception {
        DatabaseConfig config = migrated(DatabaseConfig.DEFAULT_BUSY_TIMEOUT);
        try (Database db = Database.open(config);
                Connection other = plain(config)) {
            other.setTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE);
            other.setAutoCommit(false);
            // The classic write skew, in a fixed order on this thread: each reads both rows and
            // changes a different one. No row lock conflicts, so only SERIALIZABLE's commit-time
            // check can catch it; the other commits first, so runstore's COMMIT is the one refused.
            BusyException e = catchThrowableOfType(
                    () -> db.useWrite(h -> {
                        h.execute("SET TRANSACTION ISOLATION LEVEL SERIALIZABLE");
                        h.select("SELECT sum(v) FROM lock_pair")
                                .mapTo(Integer.class)
                                .one();
                        try (Statement sql = other.createStatement()) {
                            sql.executeQuery("SELECT sum(v) FROM lock_pair").close();
                            sql.executeUpdate("UPDATE lock_pair SET v = v + 1 WHERE id = 2");
                        }
                        h.execute("UPDATE lock_pair SET v = v + 1 WHERE id = 1");
                        other.commit();
                    }),
                    BusyException.class);

            assertThat(sqlState(e)).isEqualTo("40001");
            assertReadable(e, "concurrent", "retry");
            assertThat(value(db, 1)).isZero();
            assertThat(value(db, 2)).isEqualTo(1);
        }
    }

    @Test
    void aDeadlockIsABusyErrorNamingTheTable() throws Exception {
        // The lock wait must outlast deadlock_timeout (1 s), or lock_timeout would answer first.
        DatabaseConfig config = migrated(Duration.ofSeconds(60));
        try (Database db = Database.open(config);
                Connection other = plain(config);
                Connection monitor = plain(config)) {
            other.setAutoCommit(false);
            try (Statement sql = other.createStatement()) {
                // Only a backend whose own deadlock_timeout runs out looks for a cycle, and it looks
                // once. The other never looks within this test, so runstore's backend is the one
                // that finds the cycle — once the other is already waiting — and is the victim.
                sql.execute("SET deadlock_timeout = '10min'");
            }
            int otherPid = pid(other);
            AtomicReference<CompletableFuture<Integer>> otherUpdate = new AtomicReference<>();
            BusyException e = catchThrowableOfType(
                    () -> db.useWrite(h -> {
                        h.execute("UPDATE lock_pair SET v = v + 1 WHERE id = 1");
                        try (Statement sql = other.createStatement()) {
                            sql.executeUpdate("UPDATE lock_pair SET v = v + 10 WHERE id = 2");
                        }
                        otherUpdate.set(CompletableFuture.supplyAsync(() -> {
                            try (Statement sql = other.createStatement()) {
                                return sql.executeUpdate("UPDATE lock_pair SET v = v + 10 WHERE id = 1");
                            } catch (SQLException failed) {
                                throw new IllegalStateException(failed);
                            }
                        }));
                        awaitLockWait(monitor, otherPid);
                        h.execute("UPDATE lock_pair SET v = v + 1 WHERE id = 2");
                    }),
                    BusyException.class);

            assertThat(sqlState(e)).isEqualTo("40P01");
            assertThat(e.isRetryable()).isTrue();
            assertReadable(e, "deadlock", "lock_pair", "retry");
            // runstore's transaction was rolled back, so the other got its row and went on.
            assertThat(otherUpdate.get().get(30, TimeUnit.SECONDS)).isEqualTo(1);
            other.commit();
            assertThat(value(db, 1)).isEqualTo(10);
            assertThat(value(db, 2)).isEqualTo(10);
        }
    }

    @Test
    void aRowHeldLongerThanTheBusyTimeoutIsABusyErrorQuotingTheTimeout() throws Exception {
        DatabaseConfig config = migrated(Duration.ofMillis(200));
        try (Database db = Database.open(config);
                Connection other = plain(config)) {
            other.setAutoCommit(false);
            try (Statement sql = other.createStatement()) {
                sql.executeUpdate("UPDATE lock_pair SET v = v + 10 WHERE id = 1");
            }
            // The other holds the row until it rolls back below, so runstore's wait always runs out.
            BusyException e = catchThrowableOfType(
                    () -> db.useWrite(h -> h.execute("UPDATE lock_pair SET v = v + 1 WHERE id = ?", 1)),
                    BusyException.class);
            other.rollback();

            assertThat(sqlState(e)).isEqualTo("55P03");
            assertThat(e.isRetryable()).isTrue();
            assertReadable(e, "lock_pair", "200 ms", "retry");
            db.useWrite(h -> h.execute("UPDATE lock_pair SET v = v + 1 WHERE id = 1"));
            assertThat(value(db, 1)).isEqualTo(1);
        }
    }

    @Test
    void aWriteOnAReadConnectionIsIncompatible() {
        try (Database db = Database.open(migrated(DatabaseConfig.DEFAULT_BUSY_TIMEOUT))) {
            IncompatibleDatabaseException e = catchThrowableOfType(
                    () -> db.read(h -> h.execute(INSERT_RUN, SECRET, "running")), IncompatibleDatabaseException.class);

            assertThat(sqlState(e)).isEqualTo("25006");
            assertReadable(e, "read-only", "Database.write");
            long runs = db.read(
                    h -> h.select("SELECT count(*) FROM runs").mapTo(Long.class).one());
            assertThat(runs).isZero();
        }
    }

    @Test
    void anUnmappedSqlStateIsAGenericFailureWithTheServersSentence() {
        try (Database db = Database.open(migrated(DatabaseConfig.DEFAULT_BUSY_TIMEOUT))) {
            assertThatThrownBy(() -> db.useWrite(h -> h.execute("INSERT INTO no_such_table VALUES (?)", SECRET)))
                    .isExactlyInstanceOf(DbException.class)
                    .satisfies(e -> {
                        assertThat(sqlState(e)).isEqualTo("42P01");
                        assertReadable((DbException) e, "42P01", "no_such_table");
                    });
        }
    }

    /** Names what failed; no bound value, no Jdbi context, no server prefix, one line. */
    private static void assertReadable(DbException e, String... names) {
        assertThat(e.getMessage())
                .contains(names)
                .doesNotContain(SECRET, "arguments:{", "statement:[", "ERROR:", "Detail:", "Key (", "Failing row")
                .doesNotContain("\n");
    }

    private static String sqlState(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                return sql.getSQLState();
            }
        }
        return null;
    }

    private static int value(Database db, int id) {
        return db.read(h -> h.select("SELECT v FROM lock_pair WHERE id = ?", id)
                .mapTo(Integer.class)
                .one());
    }

    private static int pid(Connection connection) throws SQLException {
        try (Statement sql = connection.createStatement();
                ResultSet rs = sql.executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /** Returns once backend {@code pid} waits for a lock: a state the server reports, not a delay. */
    private static void awaitLockWait(Connection monitor, int pid) throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        try (PreparedStatement query =
                monitor.prepareStatement("SELECT wait_event_type FROM pg_stat_activity WHERE pid = ?")) {
            query.setInt(1, pid);
            while (true) {
                try (ResultSet rs = query.executeQuery()) {
                    if (rs.next() && "Lock".equals(rs.getString(1))) {
                        return;
                    }
                }
                assertThat(System.nanoTime())
                        .as("backend %d waits for a lock", pid)
                        .isLessThan(deadline);
                Thread.sleep(5);
            }
        }
    }
}
