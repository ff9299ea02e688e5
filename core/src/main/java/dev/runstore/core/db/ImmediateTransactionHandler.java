package dev.runstore.core.db;

import java.sql.SQLException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.transaction.TransactionHandler;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;

/**
 * The transaction handler of the writer connection. {@link Writer} opens every transaction itself
 * with {@code BEGIN IMMEDIATE}, because sqlite-jdbc's IMMEDIATE transaction mode re-begins right
 * after each commit and so keeps an idle connection holding the write lock. A {@code
 * Database.write} nested in a write becomes a SAVEPOINT, so the nested unit fails alone (Jdbi's own
 * {@code handle.inTransaction} inside a write simply joins the open transaction). Manual {@code
 * begin/commit/rollback} are refused because the outer transaction belongs to {@code
 * Database.write}.
 *
 * <p>Not thread-safe on its own: it is used only by the thread that holds the writer lock.
 */
final class ImmediateTransactionHandler implements TransactionHandler {
    private final String begin;
    private final StatementCache statements;
    private int depth;
    private RuntimeException undoFailure; // a savepoint that could not be rolled back poisons the transaction

    /**
     * @param begin the statement that opens a write transaction ("BEGIN IMMEDIATE" on SQLite)
     * @param statements the writer connection's statements, through which this runs its own
     */
    ImmediateTransactionHandler(String begin, StatementCache statements) {
        this.begin = begin;
        this.statements = statements;
    }

    void beginImmediate(Handle handle) throws SQLException {
        execute(begin);
        depth = 1;
        undoFailure = null;
    }

    /**
     * Commits, unless a unit's savepoint could not be rolled back: then its partial writes are
     * still in the transaction, and committing them would store work whose caller was told it
     * failed. The caller then rolls back.
     */
    void commitOuter(Handle handle) throws SQLException {
        if (undoFailure != null) {
            throw new IllegalStateException(
                    "a failed unit's savepoint could not be rolled back, so the transaction is rolled back instead"
                            + " of committing its partial writes",
                    undoFailure);
        }
        execute("COMMIT");
        depth = 0;
    }

    /** Whether a write transaction is open (begun and neither committed nor rolled back). */
    boolean inTransaction() {
        return depth > 0;
    }

    /** Why a savepoint of this transaction could not be rolled back, or null. */
    RuntimeException undoFailure() {
        return undoFailure;
    }

    /** Rolls back the outer transaction; a failure to do so is attached to {@code primary}. */
    void rollbackOuter(Handle handle, Throwable primary) {
        try {
            // After some errors (SQLITE_FULL, IOERR) SQLite has already rolled back on its own.
            if (!handle.getConnection().getAutoCommit() || depth > 0) {
                execute("ROLLBACK");
            }
        } catch (SQLException e) {
            if (primary != null && !String.valueOf(e.getMessage()).contains("no transaction is active")) {
                primary.addSuppressed(e);
            }
        } finally {
            depth = 0;
            undoFailure = null;
        }
    }

    @Override
    public void begin(Handle handle) {
        throw manualControl("begin()");
    }

    @Override
    public void commit(Handle handle) {
        throw manualControl("commit()");
    }

    @Override
    public void rollback(Handle handle) {
        throw manualControl("rollback()");
    }

    @Override
    public boolean isInTransaction(Handle handle) {
        return depth > 0;
    }

    @Override
    public void savepoint(Handle handle, String savepointName) {
        // Outside a transaction (one the engine ended) a SAVEPOINT would begin a new one, which its
        // RELEASE would commit: the writer's guard refuses it first.
        statements.check();
        executeUnchecked("SAVEPOINT " + quote(savepointName));
    }

    @Override
    public void rollbackToSavepoint(Handle handle, String savepointName) {
        executeUnchecked("ROLLBACK TO SAVEPOINT " + quote(savepointName));
    }

    @Override
    public void releaseSavepoint(Handle handle, String savepointName) {
        executeUnchecked("RELEASE SAVEPOINT " + quote(savepointName));
    }

    @Override
    public <R, X extends Exception> R inTransaction(Handle handle, HandleCallback<R, X> callback) throws X {
        return inSavepoint(handle, callback);
    }

    /** Runs {@code callback} inside the open transaction, in a SAVEPOINT so that it fails alone. */
    <R, X extends Exception> R inSavepoint(Handle handle, HandleCallback<R, X> callback) throws X {
        if (depth == 0) {
            throw new IllegalStateException("write transactions are opened by Database.write, not by the handle");
        }
        String name = "runstore_nested_" + depth;
        savepoint(handle, name);
        depth++;
        try {
            R result = callback.withHandle(handle);
            releaseSavepoint(handle, name);
            return result;
        } catch (Throwable failure) {
            try {
                rollbackToSavepoint(handle, name);
                releaseSavepoint(handle, name);
            } catch (RuntimeException undo) {
                failure.addSuppressed(undo);
                if (undoFailure == null) {
                    undoFailure = undo;
                }
            }
            throw failure;
        } finally {
            depth--;
        }
    }

    @Override
    public <R, X extends Exception> R inTransaction(
            Handle handle, TransactionIsolationLevel level, HandleCallback<R, X> callback) throws X {
        // SQLite transactions are always SERIALIZABLE; any requested level is at most that strict.
        return inTransaction(handle, callback);
    }

    /**
     * Refuses BEGIN, COMMIT, END and ROLLBACK (not ROLLBACK TO a savepoint) run as SQL through the
     * handle, as {@link #commit} and its kind refuse the calls: a COMMIT inside a write would store
     * half of it, and everything after would run outside any transaction.
     */
    static void refuseTransactionControl(String sql) {
        if (sql == null) {
            return;
        }
        Matcher words = TRANSACTION_CONTROL.matcher(sql);
        if (words.lookingAt() && words.group(2) == null) {
            throw manualControl("execute(\"" + words.group(1).toUpperCase(Locale.ROOT) + "\")");
        }
    }

    private static final Pattern TRANSACTION_CONTROL = Pattern.compile(
            "\\s*(BEGIN|COMMIT|END|ROLLBACK)\\b(\\s+(?:TRANSACTION\\s+)?TO\\b)?", Pattern.CASE_INSENSITIVE);

    private static IllegalStateException manualControl(String what) {
        return new IllegalStateException("Database.write owns the transaction; do not call handle." + what
                + " inside it (use handle.inTransaction(...) for a nested unit that can fail alone)");
    }

    private static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    /** Plain JDBC, not a Jdbi statement: a savepoint per group-commit unit must stay cheap. */
    private void executeUnchecked(String sql) {
        try {
            execute(sql);
        } catch (SQLException e) {
            throw new org.jdbi.v3.core.ConnectionException(e);
        }
    }

    /** Through the writer's cached prepared statements; every handle here is on that connection. */
    private void execute(String sql) throws SQLException {
        statements.execute(sql);
    }
}
