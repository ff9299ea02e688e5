package dev.runstore.core.db;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The data source handed to a {@link MaintenanceCallback}: each connection has runstore's PRAGMAs,
 * and all of them are closed when the callback ends, whatever the callback did with them.
 */
final class MaintenanceDataSource implements DataSource {
    private final ConnectionSource connections;
    private final List<Connection> opened = new ArrayList<>();
    private boolean closed;

    MaintenanceDataSource(ConnectionSource connections) {
        this.connections = connections;
    }

    @Override
    public synchronized Connection getConnection() throws SQLException {
        if (closed) {
            throw new SQLException("the maintenance callback has ended; its connections are closed");
        }
        Connection connection = connections.openMaintenance();
        opened.add(connection);
        return connection;
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return getConnection();
    }

    synchronized void closeAll() {
        closed = true;
        for (Connection connection : opened) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // Closing a SQLite connection fails only when it is already unusable.
            }
        }
        opened.clear();
    }

    @Override
    public PrintWriter getLogWriter() {
        return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {}

    @Override
    public void setLoginTimeout(int seconds) {}

    @Override
    public int getLoginTimeout() {
        return 0;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException("runstore logs through SLF4J");
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        if (type.isInstance(this)) {
            return type.cast(this);
        }
        throw new SQLException("not a wrapper for " + type.getName());
    }

    @Override
    public boolean isWrapperFor(Class<?> type) {
        return type.isInstance(this);
    }
}
