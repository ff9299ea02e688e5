package dev.runstore.core.db;

import dev.runstore.core.error.BusyException;
import dev.runstore.core.error.CancelledException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.ConnectionFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small pool of read-only connections, opened on first use and kept for the life of the
 * database. It is a Jdbi {@link ConnectionFactory}, so every read callback gets a fresh Handle (and
 * fresh Handle config) over a reused connection.
 *
 * <p>Hand-written rather than HikariCP because a SQLite file connection never goes stale and the
 * pool needs only a fair permit count and an idle stack; a PostgreSQL session can end under it (a
 * server restart), so an idle one is checked ({@link ConnectionSource#alive}) before reuse.
 */
final class ReaderPool implements ConnectionFactory {
    private static final Logger LOGGER = LoggerFactory.getLogger(ReaderPool.class);

    private final String name;
    private final ConnectionSource connections;
    private final int size;
    private final Duration acquireTimeout;
    private final Semaphore permits;
    private final ConcurrentLinkedDeque<Connection> idle = new ConcurrentLinkedDeque<>();

    ReaderPool(String name, ConnectionSource connections, int size, Duration acquireTimeout) {
        this.name = name;
        this.connections = connections;
        this.size = size;
        this.acquireTimeout = acquireTimeout;
        this.permits = new Semaphore(size, true);
    }

    @Override
    public Connection openConnection() throws SQLException {
        acquire();
        try {
            for (Connection connection; (connection = idle.pollFirst()) != null; ) {
                if (connections.alive(connection)) {
                    return connection;
                }
                LOGGER.info("{} - a pooled reader's session had ended; opening a new one", name);
                try {
                    connection.close();
                } catch (SQLException ignored) {
                    // the session is gone already: nothing is left to close
                }
            }
            return connections.openReader();
        } catch (SQLException | RuntimeException e) {
            permits.release();
            throw e;
        }
    }

    @Override
    public void closeConnection(Connection connection) throws SQLException {
        try {
            if (connection.isClosed()) {
                return;
            }
            if (!connection.getAutoCommit()) {
                // A callback that began a read transaction and failed: never hand out a dirty one.
                connection.rollback();
                connection.setAutoCommit(true);
            }
            idle.addFirst(connection);
        } catch (SQLException e) {
            SqliteConnections.closeQuietly(connection, e);
            throw e;
        } finally {
            permits.release();
        }
    }

    /** Waits up to {@code timeout} for readers in flight, then closes every connection. */
    boolean close(Duration timeout) {
        boolean drained;
        try {
            drained = permits.tryAcquire(size, timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            drained = false;
        }
        if (!drained) {
            LOGGER.warn("{} - readers still busy after {} ms; closing the idle ones", name, timeout.toMillis());
        }
        List<SQLException> failures = new ArrayList<>();
        for (Connection connection; (connection = idle.pollFirst()) != null; ) {
            try {
                connection.close();
            } catch (SQLException e) {
                failures.add(e);
            }
        }
        failures.forEach(e -> LOGGER.warn("{} - closing a reader failed", name, e));
        return drained;
    }

    private void acquire() {
        boolean acquired;
        try {
            acquired = permits.tryAcquire(acquireTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            // An interrupt is how a caller stops its own read (the console's Cancel): a cancellation,
            // not a busy database.
            throw new CancelledException(
                    "the read was cancelled while it waited for a read connection to \"" + name + "\"", e);
        }
        if (!acquired) {
            throw new BusyException("all " + size + " read connections to \"" + name + "\" stayed in use for more than "
                    + acquireTimeout.toMillis() + " ms; keep read callbacks short or raise readPoolSize");
        }
    }
}
