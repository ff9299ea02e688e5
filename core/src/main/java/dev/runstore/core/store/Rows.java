package dev.runstore.core.store;

import dev.runstore.core.error.IncompatibleDatabaseException;
import dev.runstore.core.json.JsonText;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.DateTimeException;
import java.time.Instant;
import org.jdbi.v3.core.mapper.ColumnMapper;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * Maps runs and events rows; times and JSON go through the column mappers every handle has. A row
 * whose stored text runstore cannot read (a payload that is not JSON, a ts that is not a time),
 * written by another tool or by corruption, is reported as an incompatible database naming the
 * table, the row and the column: not as bad input, since the caller gave none.
 */
final class Rows {
    static final RowMapper<Run> RUN = (rs, ctx) -> new Run(
            rs.getLong("id"),
            rs.getString("name"),
            rs.getString("source"),
            value(rs, "runs", "status", () -> RunStatus.parse(rs.getString("status"))),
            instant(rs, "runs", "started_at", ctx),
            instant(rs, "runs", "finished_at", ctx),
            json(rs, "runs", "params", ctx),
            rs.getString("params_sha256"),
            json(rs, "runs", "stats", ctx));

    static final RowMapper<Event> EVENT = (rs, ctx) -> new Event(
            rs.getLong("id"),
            rs.getLong("run_id"),
            rs.getString("run_name"),
            rs.getLong("seq"),
            instant(rs, "events", "ts", ctx),
            value(rs, "events", "level", () -> Level.parse(rs.getString("level"))),
            rs.getString("kind"),
            rs.getString("message"),
            rs.getInt("message_length"),
            json(rs, "events", "payload", ctx),
            rs.getString("payload_uri"),
            rs.getString("payload_sha256"));

    private Rows() {}

    @FunctionalInterface
    private interface Read<T> {
        T get() throws SQLException;
    }

    private static Instant instant(ResultSet rs, String table, String column, StatementContext ctx)
            throws SQLException {
        ColumnMapper<Instant> mapper = mapper(ctx, Instant.class);
        return value(rs, table, column, () -> mapper.map(rs, column, ctx));
    }

    private static JsonText json(ResultSet rs, String table, String column, StatementContext ctx) throws SQLException {
        ColumnMapper<JsonText> mapper = mapper(ctx, JsonText.class);
        return value(rs, table, column, () -> mapper.map(rs, column, ctx));
    }

    /** The column's value; text runstore cannot read fails naming the row, never quoting the value. */
    private static <T> T value(ResultSet rs, String table, String column, Read<T> read) throws SQLException {
        try {
            return read.get();
        } catch (IllegalArgumentException | DateTimeException unreadable) {
            throw new IncompatibleDatabaseException(
                    "the " + table + " row with id " + rs.getLong("id") + " has a " + column
                            + " runstore cannot read (" + kind(column) + "); the row was changed outside runstore"
                            + " or the file is damaged: fix or delete that row, or restore a backup",
                    unreadable);
        }
    }

    private static String kind(String column) {
        return switch (column) {
            case "payload", "params", "stats" -> "not valid JSON";
            case "status", "level" -> "not one of the known values";
            default -> "not a time";
        };
    }

    private static <T> ColumnMapper<T> mapper(StatementContext ctx, Class<T> type) {
        return ctx.findColumnMapperFor(type)
                .orElseThrow(() -> new IllegalStateException("no column mapper for " + type.getSimpleName()
                        + "; use the store through dev.runstore.core.db.Database, which installs them"));
    }
}
