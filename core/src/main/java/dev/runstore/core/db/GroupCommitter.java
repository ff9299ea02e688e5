package dev.runstore.core.db;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.HandleCallback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit: callers hand small units of work to one committer thread, which drains what is
 * waiting (up to {@link #MAX_UNITS}) into one write transaction, runs each unit in its own
 * SAVEPOINT (so each succeeds or fails alone), commits once, and only then tells each caller. Many
 * threads appending a few events each then pay for one commit together instead of one each — the
 * difference between ~12k commits/s and ~80k rows/s on SQLite.
 */
final class GroupCommitter implements AutoCloseable {
    private static final Logger LOGGER = LoggerFactory.getLogger(GroupCommitter.class);

    /** Units per shared transaction: enough to amortize the commit, few enough to keep it short. */
    static final int MAX_UNITS = 256;

    /** How long a group waits for late joiners once it already has company. */
    static final long LINGER_MICROS = 200;

    /** One caller's unit and the answer it waits for. */
    static final class Unit<R> {
        final HandleCallback<R, ? extends Exception> callback;
        final CompletableFuture<R> result = new CompletableFuture<>();

        Unit(HandleCallback<R, ? extends Exception> callback) {
            this.callback = callback;
        }
    }

    private final String name;
    private final Writer writer;
    private final BlockingQueue<Unit<?>> queue = new LinkedBlockingQueue<>();
    private final Thread thread;
    private volatile boolean closing;

    GroupCommitter(String name, Writer writer) {
        this.name = name;
        this.writer = writer;
        this.thread = new Thread(this::run, "runstore-committer[" + name + "]");
        thread.setDaemon(true);
        thread.start();
    }

    <R> CompletableFuture<R> submit(HandleCallback<R, ? extends Exception> callback) {
        Unit<R> unit = new Unit<>(callback);
        if (closing) {
            unit.result.completeExceptionally(new IllegalStateException("database \"" + name + "\" is closing"));
            return unit.result;
        }
        queue.add(unit);
        return unit.result;
    }

    private void run() {
        List<Unit<?>> group = new ArrayList<>(MAX_UNITS);
        while (!closing || !queue.isEmpty()) {
            try {
                Unit<?> first = queue.poll(50, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                group.add(first);
                queue.drainTo(group, MAX_UNITS - 1);
                if (group.size() > 1) {
                    // Others are writing too: wait a moment (far below a commit's cost) for the
                    // callers just now preparing their next unit, so they share this commit.
                    Unit<?> more = queue.poll(LINGER_MICROS, TimeUnit.MICROSECONDS);
                    if (more != null) {
                        group.add(more);
                        queue.drainTo(group, MAX_UNITS - group.size());
                    }
                }
                writer.commitGroup(group);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException | Error e) {
                // commitGroup completes every future itself; this is only a last line of defence.
                LOGGER.error("{} - group commit failed unexpectedly", name, e);
                group.forEach(unit -> unit.result.completeExceptionally(e));
            } finally {
                group.clear();
            }
        }
    }

    /** Finishes the units already submitted, then stops the committer thread. */
    void close(Duration timeout) {
        closing = true;
        try {
            thread.join(Math.max(1, timeout.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            LOGGER.warn("{} - the committer was still busy after {} ms", name, timeout.toMillis());
        }
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(30));
    }
}
