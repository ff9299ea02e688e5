package dev.runstore.core.store;

import dev.runstore.core.json.JsonText;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import org.jdbi.v3.core.mapper.ColumnMapper;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

/** Maps runs and events rows; times and JSON go through the column mappers every handle has. */
final class Rows {
    static final RowMapper<Run> RUN = (rs, ctx) -> new Run(
            rs.getLong("id"),
            rs.getString("name"),
            rs.getString("source"),
            RunStatus.parse(rs.getString("status")),
            instant(rs, "started_at", ctx),
            instant(rs, "finished_at", ctx),
            json(rs, "params", ctx),
            rs.getString("params_sha256"),
            json(rs, "stats", ctx));

    static final RowMapper<Event> EVENT = (rs, ctx) -> new Event(
            rs.getLong("id"),
            rs.getLong("run_id"),
            rs.getString("run_name"),
            rs.getLong("seq"),
            instant(rs, "ts", ctx),
            Level.parse(rs.getString("level")),
            rs.getString("kind"),
            rs.getString("message"),
            rs.getInt("message_length"),
            json(rs, "payload", ctx),
            rs.getString("payload_uri"),
            rs.getString("payload_sha256"));

    private Rows() {}

    private static Instant instant(ResultSet rs, String column, StatementContext ctx) throws SQLException {
        return mapper(ctx, Instant.class).map(rs, column, ctx);
    }

    private static JsonText json(ResultSet rs, String column, StatementContext ctx) throws SQLException {
        return mapper(ctx, JsonText.class).map(rs, column, ctx);
    }

    private static <T> ColumnMapper<T> mapper(StatementContext ctx, Class<T> type) {
        return ctx.findColumnMapperFor(type)
                .orElseThrow(() -> new IllegalStateException("no column mapper for " + type.getSimpleName()
                        + "; use the store through dev.runstore.core.db.Database, which installs them"));
    }
}
