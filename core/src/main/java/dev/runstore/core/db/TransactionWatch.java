package dev.runstore.core.db;

/**
 * What the engine did to the writer's open transaction without a COMMIT or ROLLBACK of runstore's.
 * Asked before each statement, savepoint and COMMIT of a write (see Writer), so each answer must
 * cost no round trip.
 */
interface TransactionWatch {
    /** A write transaction has just begun: what happened to the one before no longer counts. */
    void begun();

    /**
     * Whether the transaction begun last is over: later statements would each commit on their own
     * (SQLite rolled it back after ON CONFLICT ROLLBACK, RAISE(ROLLBACK) or a full disk; a
     * callback ran COMMIT or ROLLBACK itself).
     */
    boolean ended();

    /**
     * Whether COMMIT would store nothing: PostgreSQL aborted the transaction at a failed statement
     * and answers its COMMIT with a ROLLBACK, without an error.
     */
    boolean commitWouldRollBack();
}
