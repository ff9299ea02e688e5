package dev.runstore.core.query;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/** Runs one prepared query on a read handle, stoppable through a {@link Cancellation}. */
final class Statements {
    private Statements() {}

    /** Reads the result set of one query; the statement is closed when it returns. */
    interface Reader<T> {
        T read(ResultSet rows) throws SQLException;
    }

    /**
     * Runs {@code sql} with {@code arguments} bound. A driver failure leaves as Jdbi's exception, which
     * {@link dev.runstore.core.db.Database#read} translates into runstore's errors like any other.
     */
    static <T> T query(Handle h, String sql, List<Object> arguments, Cancellation cancellation, Reader<T> reader) {
        try (PreparedStatement statement = h.getConnection().prepareStatement(sql)) {
            Cells.bind(statement, arguments);
            cancellation.register(statement);
            try (ResultSet rows = statement.executeQuery()) {
                return reader.read(rows);
            } finally {
                cancellation.release(statement);
            }
        } catch (SQLException e) {
            throw new UnableToExecuteStatementException(e, null);
        }
    }
}
