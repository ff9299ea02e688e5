package dev.runstore.core.db;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import java.util.Properties;
import org.postgresql.core.BaseConnection;
import org.postgresql.core.TransactionState;

/**
 * Connections to a PostgreSQL database. Every session runs in UTC (so {@code now()} and TIMESTAMP
 * columns are UTC, as runstore's times are) and names itself "runstore". Credentials come from the
 * URL, else from the configuration's password (typed into the console), else from the usual {@code
 * PGUSER} / {@code PGPASSWORD} environment variables. The password goes to the driver as a property
 * only, never into a URL that a message or log could quote.
 */
final class PostgresConnections implements ConnectionSource {
    private final DatabaseConfig config;
    private final Map<String, String> environment;

    PostgresConnections(DatabaseConfig config, Map<String, String> environment) {
        this.config = config;
        this.environment = environment;
    }

    @Override
    public Dialect dialect() {
        return Dialect.POSTGRESQL;
    }

    @Override
    public boolean failedStatementKeepsTransaction() {
        return false; // the server aborts the whole transaction, and COMMIT then rolls back without an error
    }

    @Override
    public TransactionWatch watchTransactions(Connection writer) {
        BaseConnection connection = ConnectionSource.unwrap(writer, BaseConnection.class);
        // The driver keeps the server's transaction state from every reply: no round trip, and
        // a failure swallowed on the raw connection, out of Jdbi's sight, shows too.
        return new TransactionWatch() {
            @Override
            public void begun() {}

            @Override
            public boolean ended() {
                return connection.getTransactionState() == TransactionState.IDLE;
            }

            @Override
            public boolean commitWouldRollBack() {
                return connection.getTransactionState() == TransactionState.FAILED;
            }
        };
    }

    @Override
    public String beginWrite() {
        return "BEGIN";
    }

    @Override
    public Connection openWriter() throws SQLException {
        return open(false);
    }

    @Override
    public Connection openReader() throws SQLException {
        return open(true);
    }

    @Override
    public boolean alive(Connection idle) throws SQLException {
        // One empty round trip: after a server restart the pool would otherwise hand out each dead
        // session once more, and a reader would fail once per pooled connection.
        return !idle.isClosed()
                && idle.isValid((int) Math.max(1, config.busyTimeout().toSeconds()));
    }

    @Override
    public Connection openMaintenance() throws SQLException {
        return open(config.mode() == AccessMode.READ_ONLY);
    }

    private Connection open(boolean readOnly) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("ApplicationName", "runstore");
        properties.setProperty("options", "-c TimeZone=UTC");
        properties.setProperty(
                "loginTimeout", Long.toString(Math.max(1, config.busyTimeout().toSeconds())));
        String url = config.url();
        if (!url.contains("user=") && environment.get("PGUSER") != null) {
            properties.setProperty("user", environment.get("PGUSER"));
        }
        if (!url.contains("password=")) {
            String password = config.password() != null ? config.password() : environment.get("PGPASSWORD");
            if (password != null) {
                properties.setProperty("password", password);
            }
        }
        Connection connection = DriverManager.getConnection(url, properties);
        try {
            connection.setReadOnly(readOnly);
            try (var statement = connection.createStatement()) {
                // The PostgreSQL counterpart of busy_timeout: how long to wait for a row or table lock.
                statement.execute("SET lock_timeout = " + config.busyTimeout().toMillis());
                // A server, database or role may turn this off, and a backslash would then escape a
                // quote in '…': typed SQL's guard reads strings as PostgreSQL's default does.
                statement.execute("SET standard_conforming_strings = on");
                if (config.durability() == Durability.FULL && !readOnly) {
                    // The server's default (on) already makes a commit wait for its WAL flush, so
                    // NORMAL and FULL mean the same there and NORMAL leaves the server's choice. But
                    // a server, database or role may turn it off, so a FULL session turns it back on
                    // itself. Only off: local, remote_write and remote_apply flush the local WAL too,
                    // and overwriting remote_apply would weaken a replicated server's promise.
                    statement.execute("SELECT set_config('synchronous_commit', 'on', false)"
                            + " WHERE current_setting('synchronous_commit') = 'off'");
                }
                if (readOnly) {
                    // pgjdbc's setReadOnly covers only explicit transactions; readers run in
                    // auto-commit, so the session itself is made read-only.
                    statement.execute("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY");
                }
            }
        } catch (SQLException e) {
            SqliteConnections.closeQuietly(connection, e);
            throw e;
        }
        return connection;
    }
}
