package dev.runstore.core.db;

import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jdbi.v3.core.statement.StatementBuilder;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * The prepared statements of the writer connection, kept open and reused: Jdbi's statement
 * builder for the writer, and how the writer runs its own BEGIN, COMMIT and SAVEPOINT statements.
 *
 * <p>Preparing costs about as much as executing a one-row INSERT, and group commit runs the same
 * few statements thousands of times a second; reusing them roughly doubled the events/s of small
 * units (docs/performance.md). A statement is taken out of the cache while in use, so two open
 * statements with the same SQL never share one; it goes back, with its parameters cleared, when
 * Jdbi is done with it (Jdbi closes the result set first, which resets a SQLite statement, so an
 * idle cached statement holds no read snapshot). The least recently used beyond {@link #CAPACITY}
 * are closed.
 *
 * <p>Not thread-safe on its own: used only by the thread that holds the writer lock.
 */
final class StatementCache implements StatementBuilder {
    static final int CAPACITY = 64;

    private final Connection connection;
    /** The SQL each statement in use was prepared from: Jdbi closes with its unparsed SQL. */
    private final Map<PreparedStatement, String> inUse = new IdentityHashMap<>();

    private final Map<String, PreparedStatement> idle = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, PreparedStatement> eldest) {
            if (size() <= CAPACITY) {
                return false;
            }
            closeQuietly(eldest.getValue());
            return true;
        }
    };

    private final Guard guard;

    /**
     * Asked before each statement Jdbi or runstore's code creates on the writer, with its SQL,
     * and before each savepoint (SQL null); refuses it by throwing. The writer's own BEGIN,
     * COMMIT and ROLLBACK statements are not asked.
     */
    @FunctionalInterface
    interface Guard {
        void check(String sql);
    }

    StatementCache(Connection connection) {
        this(connection, sql -> {});
    }

    StatementCache(Connection connection, Guard guard) {
        this.connection = connection;
        this.guard = guard;
    }

    /** Asks the guard, as before a statement; for a savepoint of the writer's own. */
    void check() {
        guard.check(null);
    }

    /** Runs one statement without parameters (BEGIN, COMMIT, SAVEPOINT …) through the cache. */
    void execute(String sql) throws SQLException {
        PreparedStatement statement = take(sql);
        try {
            statement.execute();
        } finally {
            giveBack(sql, statement);
        }
    }

    @Override
    public PreparedStatement create(Connection conn, String sql, StatementContext ctx) throws SQLException {
        guard.check(sql);
        return conn == connection ? take(sql) : conn.prepareStatement(sql);
    }

    @Override
    public Statement create(Connection conn, StatementContext ctx) throws SQLException {
        guard.check(null);
        return conn.createStatement();
    }

    @Override
    public CallableStatement createCall(Connection conn, String sql, StatementContext ctx) throws SQLException {
        guard.check(sql);
        return conn.prepareCall(sql);
    }

    @Override
    public void close(Connection conn, String sql, Statement statement) throws SQLException {
        String prepared = statement instanceof PreparedStatement ? inUse.get(statement) : null;
        if (prepared != null) {
            giveBack(prepared, (PreparedStatement) statement);
        } else if (statement != null) {
            statement.close();
        }
    }

    /** Closes every idle statement; called before the writer connection closes. */
    void closeAll() {
        idle.values().forEach(StatementCache::closeQuietly);
        idle.clear();
        inUse.keySet().forEach(StatementCache::closeQuietly);
        inUse.clear();
    }

    int idleCount() {
        return idle.size();
    }

    private PreparedStatement take(String sql) throws SQLException {
        PreparedStatement statement = idle.remove(sql);
        if (statement == null || statement.isClosed()) {
            statement = connection.prepareStatement(sql);
        }
        inUse.put(statement, sql);
        return statement;
    }

    private void giveBack(String sql, PreparedStatement statement) {
        inUse.remove(statement);
        try {
            if (statement.isClosed()) {
                return;
            }
            statement.clearParameters();
            statement.clearBatch();
        } catch (SQLException e) {
            closeQuietly(statement);
            return;
        }
        PreparedStatement previous = idle.put(sql, statement);
        if (previous != null && previous != statement) {
            closeQuietly(previous); // two were open at once; one idle copy is enough
        }
    }

    private static void closeQuietly(Statement statement) {
        try {
            statement.close();
        } catch (SQLException ignored) {
            // a statement that cannot close is gone either way
        }
    }
}
