package dev.runstore.core.time;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAccessor;
import java.util.Locale;

/**
 * runstore's one representation of time: a UTC instant with microsecond precision, written the way
 * the Python side of the ingestion system writes it.
 *
 * <ul>
 *   <li>In JSON: {@code 2026-11-27T09:27:09.123456+00:00}, exactly Python's {@code
 *       value.astimezone(timezone.utc).isoformat()}: the fraction only when it is not zero.
 *   <li>In SQLite: naive UTC text {@code 2026-11-27 09:27:09.123456}, always six fraction digits
 *       (so text order is time order), as SQLAlchemy stores a {@code DateTime} column.
 * </ul>
 *
 * Digits below the microsecond are dropped (truncated toward the past), because Python's {@code
 * datetime} cannot hold them: a value written by Java reads back identically in Python and back.
 * Years must lie in 1..9999, Python's range.
 */
public final class UtcTime {
    private static final DateTimeFormatter ISO_SECONDS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter SQL_MICROS = DateTimeFormatter.ofPattern(
                    "uuuu-MM-dd HH:mm:ss.SSSSSS", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    /** Date, 'T' or space, time with optional seconds and fraction, optional offset or Z. */
    private static final DateTimeFormatter LENIENT_ISO = new DateTimeFormatterBuilder()
            .parseCaseInsensitive()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .optionalStart()
            .appendLiteral('T')
            .optionalEnd()
            .optionalStart()
            .appendLiteral(' ')
            .optionalEnd()
            .append(DateTimeFormatter.ISO_LOCAL_TIME)
            .optionalStart()
            .appendOffset("+HH:MM:ss", "Z")
            .optionalEnd()
            .optionalStart()
            .appendOffset("+HHMM", "Z")
            .optionalEnd()
            .toFormatter(Locale.ROOT);

    private static final Instant MIN = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant MAX = Instant.parse("9999-12-31T23:59:59.999999Z");

    private UtcTime() {}

    /** {@code value} truncated to microseconds; fails outside years 1..9999. */
    public static Instant normalize(Instant value) {
        if (value.isBefore(MIN) || value.isAfter(MAX)) {
            throw new IllegalArgumentException(
                    "time " + value + " is outside years 1..9999, which Python's datetime cannot hold");
        }
        return value.truncatedTo(ChronoUnit.MICROS);
    }

    /** {@code value} as Python's {@code astimezone(timezone.utc).isoformat()} prints it. */
    public static String toIso(Instant value) {
        Instant v = normalize(value);
        StringBuilder text = new StringBuilder(32).append(ISO_SECONDS.format(v));
        int micros = v.getNano() / 1_000;
        if (micros != 0) {
            text.append('.').append(String.format(Locale.ROOT, "%06d", micros));
        }
        return text.append("+00:00").toString();
    }

    /** The naive UTC text runstore stores in SQLite: {@code YYYY-MM-DD HH:MM:SS.ffffff}. */
    public static String toSqlText(Instant value) {
        return SQL_MICROS.format(normalize(value));
    }

    /**
     * Reads ISO 8601 text that carries its offset ({@code Z}, {@code +00:00}, {@code +05:45}, …) as
     * a UTC instant. Text without an offset is refused: its zone is unknown.
     */
    public static Instant parseIso(String text) {
        TemporalAccessor parsed = parse(text);
        if (!parsed.isSupported(ChronoField.OFFSET_SECONDS)) {
            throw new IllegalArgumentException("time \"" + text
                    + "\" has no UTC offset, so its zone is unknown; write it with Z or an offset such as +00:00");
        }
        return normalize(OffsetDateTime.from(parsed).toInstant());
    }

    /**
     * Reads a time stored in SQLite: naive text is UTC (runstore's and SQLAlchemy's convention,
     * also Python sqlite3's default adapter, which omits a zero fraction); text with an offset is
     * converted to UTC.
     */
    public static Instant parseSqlText(String text) {
        TemporalAccessor parsed = parse(text);
        if (parsed.isSupported(ChronoField.OFFSET_SECONDS)) {
            return normalize(OffsetDateTime.from(parsed).toInstant());
        }
        return normalize(LocalDateTime.from(parsed).toInstant(ZoneOffset.UTC));
    }

    /** {@code value} as an {@code OffsetDateTime} at UTC. */
    public static OffsetDateTime atUtc(Instant value) {
        return normalize(value).atOffset(ZoneOffset.UTC);
    }

    /** The instant of any zoned or offset time. */
    public static Instant toInstant(TemporalAccessor value) {
        if (value instanceof Instant instant) {
            return instant;
        }
        if (value instanceof OffsetDateTime odt) {
            return odt.toInstant();
        }
        if (value instanceof ZonedDateTime zdt) {
            return zdt.toInstant();
        }
        if (value instanceof LocalDateTime) {
            throw localDateTimeRefused();
        }
        throw new IllegalArgumentException("cannot read " + value.getClass().getSimpleName()
                + " as a point in time; use Instant, OffsetDateTime or ZonedDateTime");
    }

    /** The error for a {@link LocalDateTime}, whose zone runstore cannot know. */
    public static IllegalArgumentException localDateTimeRefused() {
        return new IllegalArgumentException("a LocalDateTime has no time zone, so runstore cannot store it as UTC;"
                + " pass an Instant or OffsetDateTime instead (for example ldt.atZone(zone).toInstant())");
    }

    private static TemporalAccessor parse(String text) {
        try {
            return LENIENT_ISO.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(
                    "\"" + text + "\" is not an ISO 8601 time; write it as 2026-11-27T09:27:09.123456+00:00", e);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("\"" + text + "\" is not a valid time: " + e.getMessage(), e);
        }
    }
}
