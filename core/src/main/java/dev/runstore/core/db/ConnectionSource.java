package dev.runstore.core.db;

import java.sql.Connection;
import java.sql.SQLException;

/** Opens the connections of one database with its engine's settings applied. */
interface ConnectionSource {
    Dialect dialect();

    /** The writer connection (auto-commit; {@link Writer} begins transactions itself). */
    Connection openWriter() throws SQLException;

    /** A read-only connection for the reader pool. */
    Connection openReader() throws SQLException;

    /**
     * Whether an idle pooled reader can still be used: a SQLite file connection always can; a
     * PostgreSQL server may have ended the session (a restart) while it sat in the pool.
     */
    default boolean alive(Connection idle) throws SQLException {
        return true;
    }

    /** A short-lived connection for maintenance (migrations, backup). */
    Connection openMaintenance() throws SQLException;

    /** Checks the new writer connection is usable as runstore's writer (SQLite: it is in WAL mode). */
    default void verifyWriter(Connection writer, String location) throws SQLException {}

    /** The statement that begins a write transaction: it takes the write lock up front on SQLite. */
    String beginWrite();

    /**
     * Whether a failed statement leaves the rest of its transaction usable. SQLite undoes the one
     * statement (apart from a few errors that end the transaction, which runstore sees); PostgreSQL
     * aborts the whole transaction, and then answers COMMIT with a silent ROLLBACK. A group
     * commit runs its units without savepoints only where this holds.
     */
    boolean failedStatementKeepsTransaction();

    /**
     * Watches the writer connection for what the engine does to a write transaction behind
     * runstore's back: SQLite ends it on a few errors (ON CONFLICT ROLLBACK, RAISE(ROLLBACK), a
     * full disk), and every later statement would then commit on its own; PostgreSQL aborts it on
     * any error, and its COMMIT would roll back without a word.
     */
    TransactionWatch watchTransactions(Connection writer);

    /**
     * Starts background WAL checkpoints for the writer, or returns null where the engine needs none
     * (PostgreSQL checkpoints on its own).
     */
    default Checkpointer startCheckpointer(String name) throws SQLException {
        return null;
    }

    /** The driver's own connection behind {@code connection}, which this source opened. */
    static <T> T unwrap(Connection connection, Class<T> type) {
        try {
            return connection.unwrap(type);
        } catch (SQLException e) {
            throw new IllegalStateException("the writer connection is not a " + type.getName(), e);
        }
    }

    /** The cross-process write turn (SQLite: a lock on a sidecar file); opened with the writer. */
    default WriteGate openWriteGate() {
        return WriteGate.NONE;
    }

    /** Last words on the writer connection before it closes (SQLite checkpoints the WAL). */
    default void beforeClose(Connection writer, String name) {}
}
