package dev.runstore.core.db;

import dev.runstore.core.error.BusyException;
import dev.runstore.core.error.DbException;
import dev.runstore.core.error.ErrorCode;
import dev.runstore.core.error.ErrorTranslator;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.jdbi.v3.core.ConnectionFactory;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single writer connection of a {@link Database} and the fair lock in front of it.
 *
 * <p>Threads of this process queue on a fair (FIFO) lock rather than in SQLite's busy handler,
 * which sleeps and polls with no queue: under contention it starves some writers until their
 * timeout. Only other processes ever meet the busy handler. The callback runs on the caller's
 * thread, so its exceptions and stack traces stay the caller's.
 */
final class Writer {
    private static final Logger LOGGER = LoggerFactory.getLogger(Writer.class);

    private final String name;
    private final Connection connection;
    private final Jdbi jdbi;
    private final StatementCache statements;
    private final Checkpointer checkpointer; // null where the engine checkpoints on its own
    private final ImmediateTransactionHandler transactions;
    private final ConnectionSource source;
    private final ReentrantLock lock = new ReentrantLock(true);
    private final Duration lockTimeout;
    private final long slowThresholdNanos;
    private final ErrorTranslator translator;
    private final WriteGate gate;
    private Handle current; // guarded by lock
    private int failedStatements; // guarded by lock: statements of the writer's handles that failed
    private SQLException lastFailure; // guarded by lock: the latest of them in the open transaction
    private final TransactionWatch watch;

    Writer(
            String name,
            Connection connection,
            DatabaseConfig config,
            ErrorTranslator translator,
            ConnectionSource source,
            Checkpointer checkpointer) {
        this.name = name;
        this.checkpointer = checkpointer;
        this.source = source;
        this.statements = new StatementCache(connection, sql -> {
            ImmediateTransactionHandler.refuseTransactionControl(sql);
            requireTransaction(false);
        });
        this.transactions = new ImmediateTransactionHandler(source.beginWrite(), statements);
        this.connection = connection;
        this.watch = source.watchTransactions(connection);
        this.lockTimeout = config.busyTimeout();
        this.slowThresholdNanos = config.slowTransactionThreshold().toNanos();
        this.translator = translator;
        this.jdbi = RunstoreTypes.install(source.dialect(), Jdbi.create(new ConnectionFactory() {
            @Override
            public Connection openConnection() {
                return connection;
            }

            @Override
            public void closeConnection(Connection toClose) {
                // The writer connection lives as long as the Database; handles only borrow it.
            }
        }));
        jdbi.setTransactionHandler(transactions);
        jdbi.setStatementBuilderFactory(c -> statements);
        jdbi.setSqlLogger(new org.jdbi.v3.core.statement.SqlLogger() {
            @Override
            public void logException(org.jdbi.v3.core.statement.StatementContext context, SQLException ex) {
                failedStatements++; // on the thread that holds the writer lock
                lastFailure = ex;
            }
        });
        this.gate = source.openWriteGate(); // nothing after it can fail and leak its share
        if (checkpointer != null) {
            checkpointer.betweenWrites(this::betweenWrites);
        }
    }

    /**
     * Runs {@code work} holding the write turn of this process and of the other runstore
     * processes on the file, outside any transaction; false when the turn did not come within
     * {@code wait}. For the checkpointer's WAL restart.
     */
    private boolean betweenWrites(Duration wait, Runnable work) {
        try {
            if (!lock.tryLock(wait.toNanos(), TimeUnit.NANOSECONDS)) {
                return false;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        try {
            WriteGate.Turn turn;
            try {
                turn = gate.enter(wait, false);
            } catch (RuntimeException busy) {
                return false;
            }
            try (turn) {
                work.run();
                return true;
            }
        } finally {
            lock.unlock();
        }
    }

    boolean isHeldByCurrentThread() {
        return lock.isHeldByCurrentThread();
    }

    <R, X extends Exception> R write(HandleCallback<R, X> callback) throws X {
        if (lock.isHeldByCurrentThread() && current != null) {
            // A write inside a write on the same thread: a SAVEPOINT inside the open transaction.
            return transactions.inSavepoint(current, callback);
        }
        acquire();
        WriteGate.Turn turn = null;
        try (Handle handle = jdbi.open()) {
            turn = gate.enter(lockTimeout, false);
            current = handle;
            return inImmediateTransaction(handle, callback);
        } finally {
            current = null;
            if (turn != null) {
                turn.close(); // after the COMMIT or ROLLBACK: the next process's transaction may begin
            }
            lock.unlock();
        }
    }

    /**
     * Runs {@code group} in one IMMEDIATE transaction, each unit in its own SAVEPOINT, commits once,
     * and answers each unit only after that commit. Called by the group's leader (GroupCommitter).
     */
    void commitGroup(List<GroupCommitter.Unit<?>> group) {
        // The leader works on behalf of the whole group: an interrupt of its thread concerns only
        // its own caller (who still gets its unit's real outcome), so it must neither stop the wait
        // for the lock nor reach the other units' callbacks or the busy handler. It is set again
        // once every unit is answered.
        boolean interrupted = Thread.interrupted();
        try {
            try {
                interrupted |= acquireForGroup();
            } catch (RuntimeException busy) {
                group.forEach(unit -> unit.fail(busy));
                return;
            }
            runGroup(group);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void runGroup(List<GroupCommitter.Unit<?>> queued) {
        // A unit that ends the whole transaction is answered and dropped from the group (below).
        List<GroupCommitter.Unit<?>> group = new ArrayList<>(queued);
        List<Object> results = new ArrayList<>(group.size());
        List<Throwable> failures = new ArrayList<>(group.size());
        WriteGate.Turn turn;
        try {
            turn = gate.enter(lockTimeout, true);
        } catch (RuntimeException busy) {
            lock.unlock();
            group.forEach(unit -> unit.fail(busy));
            return;
        }
        Pass pass;
        try (turn;
                Handle handle = jdbi.open()) {
            current = handle;
            long lockedAt = System.nanoTime();
            // Without savepoints first where a unit's failed statement leaves the transaction
            // usable (SQLite); on PostgreSQL a unit that swallowed one would lose its whole group.
            boolean savepoints = !source.failedStatementKeepsTransaction();
            do {
                pass = group.isEmpty() ? Pass.DONE : pass(handle, group, savepoints, results, failures);
                savepoints |= pass == Pass.RETRY_WITH_SAVEPOINTS; // once: a pass with them never asks again
            } while (pass == Pass.RETRY_WITH_SAVEPOINTS || pass == Pass.RETRY_WITHOUT_IT);
            if (pass == Pass.DONE) {
                warnIfSlow(System.nanoTime() - lockedAt);
            }
        } finally {
            current = null;
            lock.unlock();
        }
        if (pass == Pass.DONE) {
            for (int i = 0; i < group.size(); i++) {
                complete(group.get(i), results.get(i), failures.get(i));
            }
        }
    }

    /** How one pass over a group ended. */
    private enum Pass {
        /** Committed, or (a lone unit that failed) rolled back: answer each unit from the lists. */
        DONE,
        /** Every unit has been answered already (the whole group failed). */
        ANSWERED,
        /** A unit failed in a pass without savepoints: rolled back, to be run again with them. */
        RETRY_WITH_SAVEPOINTS,
        /**
         * A unit ended the whole transaction (SQLite: ON CONFLICT ROLLBACK, RAISE(ROLLBACK)), taking
         * the units before it along: it has been answered and removed; the rest run again.
         */
        RETRY_WITHOUT_IT
    }

    /**
     * One transaction over the group. On SQLite the first pass runs the units without savepoints: a
     * SAVEPOINT and RELEASE per unit were a fifth of a small unit's cost, and units almost never
     * fail. A failed statement undoes itself in SQLite, but a unit may fail after statements that
     * succeeded, so when any unit fails the whole transaction is rolled back and the group runs
     * again with a savepoint per unit, where each unit fails alone. A lone unit needs no second
     * pass: rolling back the transaction is rolling back that unit.
     */
    private Pass pass(
            Handle handle,
            List<GroupCommitter.Unit<?>> group,
            boolean savepoints,
            List<Object> results,
            List<Throwable> failures) {
        results.clear();
        failures.clear();
        try {
            begin(handle);
        } catch (SQLException e) {
            RuntimeException translated = translator.translate(e);
            group.forEach(unit -> unit.fail(translated));
            return Pass.ANSWERED;
        }
        for (GroupCommitter.Unit<?> unit : group) {
            Throwable failure = null;
            Object result = null;
            int failedBefore = failedStatements;
            try {
                result =
                        savepoints ? transactions.inSavepoint(handle, unit.callback) : unit.callback.withHandle(handle);
            } catch (Throwable thrown) {
                failure = thrown;
            }
            if (failure != null && ErrorTranslator.abortsTransaction(failure)) {
                // The transaction is gone (SQLite rolled it back after a full disk or an I/O
                // error; a PostgreSQL connection broke):
                // every unit of the group is lost, so every caller hears why.
                transactions.rollbackOuter(handle, failure);
                RuntimeException translated = translator.translate(failure);
                group.forEach(other -> other.fail(translated));
                return Pass.ANSWERED;
            }
            if (watch.ended()) {
                // Savepoints do not survive that either, so running it again would end the next
                // transaction too: it fails, alone; the units before it lost nothing yet.
                transactions.rollbackOuter(handle, null);
                unit.fail(translator.transactionEnded(lastFailure));
                group.remove(unit);
                return Pass.RETRY_WITHOUT_IT;
            }
            if (transactions.undoFailure() != null) {
                // A savepoint (the unit's, or one it opened and swallowed the failure of) could
                // not be rolled back, so partial writes are in the transaction: nothing of this
                // group may commit.
                RuntimeException aborted = new DbException(
                        ErrorCode.FAILED,
                        "a unit of a group commit on \"" + name + "\" failed and its savepoint could not be"
                                + " rolled back, so the whole group was rolled back; retry",
                        transactions.undoFailure());
                transactions.rollbackOuter(handle, aborted);
                group.forEach(other -> other.fail(aborted));
                return Pass.ANSWERED;
            }
            if (failure != null && !savepoints) {
                transactions.rollbackOuter(handle, failure);
                if (group.size() > 1) {
                    return Pass.RETRY_WITH_SAVEPOINTS;
                }
                results.add(null);
                failures.add(failure);
                return Pass.DONE;
            }
            if (!savepoints && failedStatements != failedBefore) {
                // The unit caught a failed statement of its own and carried on. Without a savepoint
                // that is not safe to commit: the failure may have ended the whole transaction (a
                // full disk, ON CONFLICT ROLLBACK; any error on PostgreSQL), and the units after it
                // would then commit statement by statement. The savepoint pass finds out.
                transactions.rollbackOuter(handle, null);
                return Pass.RETRY_WITH_SAVEPOINTS;
            }
            results.add(result);
            failures.add(failure); // a failed unit's savepoint was rolled back; the others go on
        }
        try {
            requireTransaction(true);
            transactions.commitOuter(handle);
            afterCommit();
        } catch (SQLException | RuntimeException e) {
            transactions.rollbackOuter(handle, e);
            if (!savepoints && group.size() > 1 && !ErrorTranslator.abortsTransaction(e)) {
                // A COMMIT that fails for one unit's sake (PostgreSQL refuses to commit a
                // transaction a unit's swallowed error aborted) must not fail the others.
                return Pass.RETRY_WITH_SAVEPOINTS;
            }
            RuntimeException translated = translator.translate(e);
            group.forEach(unit -> unit.fail(translated));
            return Pass.ANSWERED;
        }
        return Pass.DONE;
    }

    private static void complete(GroupCommitter.Unit<?> unit, Object result, Throwable failure) {
        if (failure != null) {
            unit.fail(failure);
        } else {
            unit.succeed(result);
        }
    }

    /** Runs {@code work} holding the writer lock, outside any transaction of the writer connection. */
    <R> R exclusive(MaintenanceCallback<R> work, MaintenanceDataSource connections) throws SQLException {
        if (lock.isHeldByCurrentThread()) {
            throw new IllegalStateException("maintenance cannot run inside a write transaction");
        }
        acquire();
        try {
            return work.run(connections);
        } finally {
            lock.unlock();
        }
    }

    private <R, X extends Exception> R inImmediateTransaction(Handle handle, HandleCallback<R, X> callback) throws X {
        try {
            begin(handle);
        } catch (SQLException e) {
            throw translator.translate(e);
        }
        long lockedAt = System.nanoTime();
        R result;
        try {
            result = callback.withHandle(handle);
            requireTransaction(true);
            transactions.commitOuter(handle);
            afterCommit();
        } catch (SQLException e) {
            transactions.rollbackOuter(handle, e);
            throw translator.translate(e);
        } catch (Throwable failure) {
            transactions.rollbackOuter(handle, failure);
            throw failure;
        }
        warnIfSlow(System.nanoTime() - lockedAt);
        return result;
    }

    private void begin(Handle handle) throws SQLException {
        transactions.beginImmediate(handle);
        watch.begun();
        lastFailure = null;
    }

    /**
     * Before each statement and savepoint of a write, and before its COMMIT: refuses to go on in a
     * transaction the engine ended or aborted behind runstore's back ({@link TransactionWatch}). A
     * callback that catches such a failure and carries on would otherwise commit its later
     * statements one by one on SQLite, or hear "committed" for a transaction PostgreSQL rolled
     * back. Before a statement, only an ended transaction is refused: on PostgreSQL an aborted one
     * refuses statements by itself, and a ROLLBACK TO SAVEPOINT brings it back.
     */
    private void requireTransaction(boolean commit) {
        if (!transactions.inTransaction()) {
            return;
        }
        if (watch.ended() || (commit && watch.commitWouldRollBack())) {
            throw translator.transactionEnded(lastFailure);
        }
    }

    private void afterCommit() {
        if (checkpointer != null) {
            checkpointer.committed();
        }
    }

    private void warnIfSlow(long heldNanos) {
        if (heldNanos > slowThresholdNanos) {
            // Built here, on the caller's thread, so the trace shows who held the lock.
            LOGGER.warn(
                    "{} - a write transaction held the write lock for {} ms (threshold {} ms); keep transactions"
                            + " short: do slow work before Database.write",
                    name,
                    TimeUnit.NANOSECONDS.toMillis(heldNanos),
                    TimeUnit.NANOSECONDS.toMillis(slowThresholdNanos),
                    new SlowTransactionTrace());
        }
    }

    /**
     * {@link #acquire} that goes on waiting when interrupted; says whether it was, leaving the
     * flag clear for the caller to restore when its work is done.
     */
    private boolean acquireForGroup() {
        long deadline = System.nanoTime() + lockTimeout.toNanos();
        boolean interrupted = false;
        while (true) {
            try {
                if (lock.tryLock(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                    return interrupted;
                }
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
                throw new BusyException("another thread of this process held the write lock of \"" + name
                        + "\" for more than " + lockTimeout.toMillis()
                        + " ms; retry later, and keep write transactions short");
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
    }

    Duration lockTimeout() {
        return lockTimeout;
    }

    private void acquire() {
        boolean acquired;
        try {
            acquired = lock.tryLock(lockTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DbException(ErrorCode.FAILED, "interrupted while waiting to write to \"" + name + "\"", e);
        }
        if (!acquired) {
            throw new BusyException("another thread of this process held the write lock of \"" + name
                    + "\" for more than " + lockTimeout.toMillis()
                    + " ms; retry later, and keep write transactions short");
        }
    }

    /**
     * Waits up to {@code timeout} for writes in flight, checkpoints the WAL into the main file and
     * closes the connection. Returns false when in-flight work did not finish in time.
     */
    boolean close(Duration timeout) {
        boolean acquired;
        try {
            acquired = lock.tryLock(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            acquired = false;
        }
        if (checkpointer != null) {
            checkpointer.close(timeout); // before the final TRUNCATE checkpoint, which it would race
        }
        try {
            if (!acquired) {
                LOGGER.warn(
                        "{} - a write was still running after {} ms; closing without a checkpoint",
                        name,
                        timeout.toMillis());
                return false;
            }
            statements.closeAll();
            source.beforeClose(connection, name);
            return true;
        } finally {
            try {
                connection.close();
            } catch (SQLException e) {
                LOGGER.warn("{} - closing the writer connection failed", name, e);
            }
            gate.close();
            if (acquired) {
                lock.unlock();
            }
        }
    }

    /** Carries the stack trace of a slow write transaction's caller into the log. */
    private static final class SlowTransactionTrace extends Exception {
        private static final long serialVersionUID = 1L;

        SlowTransactionTrace() {
            super("caller of the slow write transaction");
        }
    }
}
