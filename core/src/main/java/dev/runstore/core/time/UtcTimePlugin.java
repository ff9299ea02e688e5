package dev.runstore.core.time;

import java.lang.reflect.Type;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAccessor;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.argument.ArgumentFactory;
import org.jdbi.v3.core.config.ConfigRegistry;
import org.jdbi.v3.core.generic.GenericTypes;
import org.jdbi.v3.core.mapper.ColumnMapper;
import org.jdbi.v3.core.spi.JdbiPlugin;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * Binds {@link Instant}, {@link OffsetDateTime} and {@link ZonedDateTime} as runstore's naive UTC
 * text ({@link UtcTime#toSqlText}) and reads such columns back as UTC {@code Instant} and {@code
 * OffsetDateTime}. Binding a {@link LocalDateTime} is refused: its zone is unknown.
 *
 * <p>Registered after Jdbi's built-ins, so it replaces them: Jdbi would otherwise bind an {@code
 * Instant} as a {@code java.sql.Timestamp}, which sqlite-jdbc stores as epoch milliseconds.
 */
public final class UtcTimePlugin extends JdbiPlugin.Singleton {
    private final boolean postgres;

    /** For SQLite: times as naive UTC text. */
    public UtcTimePlugin() {
        this(false);
    }

    /** @param postgres bind and read PostgreSQL TIMESTAMP (UTC, without zone) instead of text */
    public UtcTimePlugin(boolean postgres) {
        this.postgres = postgres;
    }

    @Override
    public void customizeJdbi(Jdbi jdbi) {
        if (postgres) {
            jdbi.registerArgument(new TimeArguments(true));
            jdbi.registerColumnMapper(Instant.class, UtcTimePlugin::timestamp);
            jdbi.registerColumnMapper(OffsetDateTime.class, (ColumnMapper<OffsetDateTime>) (rs, column, ctx) -> {
                Instant value = timestamp(rs, column, ctx);
                return value == null ? null : UtcTime.atUtc(value);
            });
            return;
        }
        jdbi.registerArgument(new TimeArguments(false));
        jdbi.registerColumnMapper(Instant.class, UtcTimePlugin::instant);
        jdbi.registerColumnMapper(OffsetDateTime.class, (ColumnMapper<OffsetDateTime>) (rs, column, ctx) -> {
            Instant value = instant(rs, column, ctx);
            return value == null ? null : UtcTime.atUtc(value);
        });
    }

    private static Instant timestamp(ResultSet rs, int column, StatementContext ctx) throws SQLException {
        java.time.LocalDateTime value = rs.getObject(column, java.time.LocalDateTime.class);
        return value == null ? null : UtcTime.normalize(value.toInstant(java.time.ZoneOffset.UTC));
    }

    private static Instant instant(ResultSet rs, int column, StatementContext ctx) throws SQLException {
        String text = rs.getString(column);
        return text == null ? null : UtcTime.parseSqlText(text);
    }

    /**
     * One factory for every time type, so the refusal and the conversions sit side by side. It is
     * {@link ArgumentFactory.Preparable} because Jdbi consults prepared factories (its own java.time
     * ones among them) before plain ones.
     */
    private static final class TimeArguments implements ArgumentFactory.Preparable {
        private final boolean postgres;

        TimeArguments(boolean postgres) {
            this.postgres = postgres;
        }

        private static final List<Class<?>> TYPES =
                List.of(Instant.class, OffsetDateTime.class, ZonedDateTime.class, LocalDateTime.class);

        @Override
        public Optional<Function<Object, Argument>> prepare(Type type, ConfigRegistry config) {
            Class<?> raw = GenericTypes.getErasedType(type);
            if (raw == LocalDateTime.class) {
                return Optional.of(value -> {
                    throw UtcTime.localDateTimeRefused();
                });
            }
            return TYPES.contains(raw) ? Optional.of(this::argument) : Optional.empty();
        }

        private Argument argument(Object value) {
            if (postgres) {
                if (value == null) {
                    return (position, statement, ctx) -> statement.setNull(position, Types.TIMESTAMP);
                }
                java.time.LocalDateTime utc = java.time.LocalDateTime.ofInstant(
                        UtcTime.normalize(UtcTime.toInstant((TemporalAccessor) value)), java.time.ZoneOffset.UTC);
                return (position, statement, ctx) -> statement.setObject(position, utc);
            }
            if (value == null) {
                return (position, statement, ctx) -> statement.setNull(position, Types.VARCHAR);
            }
            String text = UtcTime.toSqlText(UtcTime.toInstant((TemporalAccessor) value));
            return (position, statement, ctx) -> statement.setString(position, text);
        }
    }
}
