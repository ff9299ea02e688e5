package dev.runstore.core.query;

import dev.runstore.core.error.CancelledException;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A token that stops a running read from another thread, as the console's Cancel does. An operation
 * registers each statement it executes; {@link #cancel} calls {@link Statement#cancel} on it, which is
 * {@code sqlite3_interrupt} on SQLite and a cancel request on PostgreSQL, so even a query that never
 * returns a row (a recursive CTE without end) stops. The interrupted operation then throws {@link
 * CancelledException}. One token serves one operation at a time; a cancelled token stays cancelled.
 */
public final class Cancellation {
    private Statement running;
    private boolean cancelled;

    /** A token nobody cancels, for callers that cannot (the CLI). */
    public static Cancellation none() {
        return new Cancellation();
    }

    /** Stops the registered statement, if any, and every statement registered later. Thread-safe. */
    public void cancel() {
        // Under the lock release() takes: sqlite3_interrupt stops whatever runs on the connection, so
        // the statement must not be released (and its connection handed to another read) meanwhile.
        synchronized (this) {
            cancelled = true;
            if (running != null) {
                try {
                    running.cancel();
                } catch (SQLException ignored) {
                    // The statement finished or was closed meanwhile: nothing is left to stop.
                }
            }
        }
    }

    public synchronized boolean isCancelled() {
        return cancelled;
    }

    /** Registers {@code statement} as the one to stop; throws at once if already cancelled. */
    synchronized void register(Statement statement) {
        throwIfCancelled();
        running = statement;
    }

    /** Forgets the statement once it is closed, so a late cancel cannot reach a reused connection. */
    synchronized void release(Statement statement) {
        if (running == statement) {
            running = null;
        }
    }

    /** Throws {@link CancelledException} when cancelled: called between steps of a long operation. */
    synchronized void throwIfCancelled() {
        if (cancelled) {
            throw new CancelledException("the query was cancelled", null);
        }
    }
}
