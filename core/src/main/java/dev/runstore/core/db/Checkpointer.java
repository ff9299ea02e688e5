package dev.runstore.core.db;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies the write-ahead log into the database file on its own thread and connection, so that
 * commits do not pay for it.
 *
 * <p>By default SQLite checkpoints inside the COMMIT that takes the WAL past 1,000 pages: that
 * commit writes those pages into the database file and fsyncs it while every writer waits. On
 * this project's benchmark machine that was most of the cost of a commit on average and all of its
 * p99 (docs/performance.md). Here, after any commit, a PASSIVE checkpoint runs within {@link
 * #INTERVAL} on this thread; PASSIVE never waits for and never blocks the writer or readers. The
 * writer's own automatic checkpoint stays as a backstop at {@link #BACKSTOP_PAGES} (see
 * SqliteConnections): it still bounds the WAL if this thread falls behind or dies, and it is cheap
 * because most frames are copied already.
 */
final class Checkpointer {
    private static final Logger LOGGER = LoggerFactory.getLogger(Checkpointer.class);

    static final Duration INTERVAL = Duration.ofMillis(20);

    /** The writer's wal_autocheckpoint: ten times SQLite's default, about 40 MB of WAL. */
    static final int BACKSTOP_PAGES = 10_000;

    private final String name;
    private final Connection connection;
    private final Thread thread;
    private volatile boolean committed;
    private volatile boolean stopping;
    private boolean warned;

    Checkpointer(String name, Connection connection) {
        this.name = name;
        this.connection = connection;
        this.thread = new Thread(this::run, "runstore-checkpointer[" + name + "]");
        thread.setDaemon(true);
        thread.start();
    }

    /** Called by the writer after each commit: a volatile write, nothing more. */
    void committed() {
        committed = true;
    }

    private void run() {
        while (!stopping) {
            LockSupport.parkNanos(this, INTERVAL.toNanos());
            if (committed && !stopping) {
                committed = false;
                checkpoint();
            }
        }
    }

    private void checkpoint() {
        try (Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("PRAGMA wal_checkpoint(PASSIVE)")) {
            result.next();
        } catch (SQLException e) {
            // The writer's backstop checkpoint still bounds the WAL; say so once, not every 20 ms.
            if (!warned) {
                warned = true;
                LOGGER.warn("{} - background WAL checkpoint failed; the writer will checkpoint itself", name, e);
            }
        }
    }

    /** Stops the thread (waiting up to {@code timeout} for a checkpoint in progress) and closes. */
    void close(Duration timeout) {
        stopping = true;
        LockSupport.unpark(thread);
        try {
            thread.join(Math.max(1, timeout.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            LOGGER.warn("{} - the checkpointer was still busy after {} ms", name, timeout.toMillis());
        }
        try {
            connection.close();
        } catch (SQLException e) {
            LOGGER.warn("{} - closing the checkpointer connection failed", name, e);
        }
    }
}
