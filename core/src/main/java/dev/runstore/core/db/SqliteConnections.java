package dev.runstore.core.db;

import dev.runstore.core.error.IncompatibleDatabaseException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.sqlite.BusyHandler;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteConnection;

/**
 * Opens the JDBC connections of one database file with runstore's PRAGMAs already applied, so no
 * caller can forget one. See docs/hardening.md for why each PRAGMA has the value it has.
 */
final class SqliteConnections implements ConnectionSource {
    private static final org.slf4j.Logger LOGGER = org.slf4j.LoggerFactory.getLogger(SqliteConnections.class);

    private final String url;
    private final DatabaseConfig config;

    SqliteConnections(DatabaseConfig config) {
        this.config = config;
        this.url = "jdbc:sqlite:" + config.path().toAbsolutePath();
    }

    @Override
    public Dialect dialect() {
        return Dialect.SQLITE;
    }

    @Override
    public boolean failedStatementKeepsTransaction() {
        return true; // a failed statement is undone alone (statement journal)
    }

    @Override
    public TransactionWatch watchTransactions(Connection writer) {
        SqliteTransactionWatch watch = new SqliteTransactionWatch();
        ConnectionSource.unwrap(writer, SQLiteConnection.class).addCommitListener(watch);
        return watch;
    }

    @Override
    public String beginWrite() {
        // IMMEDIATE takes the write lock up front, so busy_timeout governs the wait; a DEFERRED
        // transaction that reads first fails at once when another writer committed meanwhile.
        return "BEGIN IMMEDIATE";
    }

    /** The one connection of this process that writes. Creates the file when it is missing. */
    @Override
    public Connection openWriter() throws SQLException {
        SQLiteConfig sqlite = baseConfig(false);
        // A backstop only: Checkpointer copies the WAL in the background long before this.
        sqlite.setPragma(SQLiteConfig.Pragma.WAL_AUTOCHECKPOINT, Integer.toString(Checkpointer.BACKSTOP_PAGES));
        Connection connection = sqlite.createConnection(url);
        try {
            // Replaces busy_timeout's sleeping handler with one that notices a released lock
            // within a millisecond; same timeout (see BusyWait).
            BusyHandler.setHandler(connection, new BusyWait(config.busyTimeout()));
        } catch (SQLException e) {
            closeQuietly(connection, e);
            throw e;
        }
        return connection;
    }

    @Override
    public void verifyWriter(Connection writer, String location) throws SQLException {
        String journalMode;
        try (Statement statement = writer.createStatement();
                var rows = statement.executeQuery("PRAGMA journal_mode")) {
            journalMode = rows.next() ? rows.getString(1) : "unknown";
        }
        if (!"wal".equalsIgnoreCase(journalMode)) {
            throw new IncompatibleDatabaseException(
                    "database \"" + location + "\" could not switch to WAL (journal_mode is " + journalMode
                            + "); keep it on a local file system that supports shared memory");
        }
    }

    /** Background checkpoints of the WAL, on a connection of their own. */
    @Override
    public Checkpointer startCheckpointer(String name) throws SQLException {
        Connection connection = baseConfig(false).createConnection(url);
        Path database = config.path();
        return new Checkpointer(name, connection, database.resolveSibling(database.getFileName() + "-wal"));
    }

    /**
     * A reader: {@code query_only} so a stray write fails instead of taking the write lock. In
     * read-only mode the file is also opened with SQLite's read-only flag, so not even a WAL
     * checkpoint on close can modify it.
     */
    @Override
    public Connection openReader() throws SQLException {
        Connection connection =
                baseConfig(config.mode() == AccessMode.READ_ONLY).createConnection(url);
        try (Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA query_only = ON");
        } catch (SQLException e) {
            closeQuietly(connection, e);
            throw e;
        }
        return connection;
    }

    /**
     * A short-lived connection for maintenance (migrations, backup). In read-write mode its
     * transactions begin IMMEDIATE: the driver's re-begin after each commit is harmless here,
     * because the connection is closed as soon as the maintenance callback ends.
     */
    @Override
    public Connection openMaintenance() throws SQLException {
        boolean readOnly = config.mode() == AccessMode.READ_ONLY;
        SQLiteConfig sqlite = baseConfig(readOnly);
        if (!readOnly) {
            sqlite.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        }
        return sqlite.createConnection(url);
    }

    private SQLiteConfig baseConfig(boolean readOnlyFile) {
        SQLiteConfig sqlite = new SQLiteConfig();
        if (!readOnlyFile) {
            // WAL: readers never block the writer and the writer never blocks readers. A read-only
            // open leaves the mode as it is: switching is a write, and would fail on a file that a
            // rollback-journal program (Python's sqlite3, say) created.
            sqlite.setJournalMode(SQLiteConfig.JournalMode.WAL);
        }
        // In WAL mode NORMAL survives a process crash without an fsync per commit; FULL syncs the WAL
        // at every commit (one per group with group commit) and so survives a power loss too. Set on
        // every connection alike, readers included: they append nothing to the WAL, and a checkpoint
        // (a reader's on close when it is the last connection) syncs the same under both settings.
        sqlite.setSynchronous(
                config.durability() == Durability.FULL
                        ? SQLiteConfig.SynchronousMode.FULL
                        : SQLiteConfig.SynchronousMode.NORMAL);
        // SQLite ships with foreign keys off, per connection.
        sqlite.enforceForeignKeys(true);
        sqlite.setBusyTimeout((int) config.busyTimeout().toMillis());
        sqlite.setTempStore(SQLiteConfig.TempStore.MEMORY);
        // Deliberately NOT setTransactionMode(IMMEDIATE): the driver re-issues BEGIN IMMEDIATE after
        // every commit, so an idle writer would keep the lock. Writer begins its own transactions.
        if (readOnlyFile) {
            sqlite.setReadOnly(true);
        }
        return sqlite;
    }

    @Override
    public WriteGate openWriteGate() {
        return SidecarWriteGate.of(config.path());
    }

    /** Checkpoints the WAL into the main file, so the file is self-contained once closed. */
    @Override
    public void beforeClose(Connection writer, String name) {
        try (var statement = writer.createStatement();
                var rows = statement.executeQuery("PRAGMA wal_checkpoint(TRUNCATE)")) {
            // Columns: busy (1 when a reader of another process blocked it), WAL pages, checkpointed.
            if (rows.next() && rows.getInt(1) != 0) {
                LOGGER.info("{} - WAL checkpoint was blocked by another connection; it will finish later", name);
            }
        } catch (SQLException e) {
            LOGGER.warn("{} - WAL checkpoint on close failed", name, e);
        }
    }

    static void closeQuietly(Connection connection, Throwable primary) {
        try {
            connection.close();
        } catch (SQLException closeFailure) {
            primary.addSuppressed(closeFailure);
        }
    }
}
