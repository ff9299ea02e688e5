package dev.runstore.desktop.format;

import dev.runstore.core.time.UtcTime;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Times as the console shows them: {@link #compact} in table cells, {@link #iso} in tooltips and
 * copies (what the CLI prints, so a copied time can be pasted back into a query).
 */
public final class Times {
    // Always milliseconds, so a column of times lines up; UTC, as stored.
    private static final DateTimeFormatter COMPACT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSS 'UTC'").withZone(ZoneOffset.UTC);

    private Times() {}

    /** {@code 2026-11-27 10:15:59.500 UTC}; empty for null. */
    public static String compact(Instant time) {
        return time == null ? "" : COMPACT.format(time);
    }

    /** The full ISO-8601 form core writes ({@code 2026-11-27T10:15:59.500000+00:00}); empty for null. */
    public static String iso(Instant time) {
        return time == null ? "" : UtcTime.toIso(time);
    }
}
