package dev.runstore.core.stats;

import dev.runstore.core.stats.EventRates.By;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The time ranges a rate chart offers, each with its bucket width: about 60 to 360 buckets, so
 * bars stay wider than a pixel and a first draw reads one index range. 24 h is by hour, not by
 * minute: 1,440 bars would be thinner than a pixel on a laptop screen.
 */
public enum ChartRange {
    HOUR("1 h", Duration.ofHours(1), By.MINUTE),
    SIX_HOURS("6 h", Duration.ofHours(6), By.MINUTE),
    DAY("24 h", Duration.ofHours(24), By.HOUR),
    WEEK("7 d", Duration.ofDays(7), By.HOUR),
    ALL("all", null, By.DAY);

    private final String label;
    private final Duration span;
    private final By by;

    ChartRange(String label, Duration span, By by) {
        this.label = label;
        this.span = span;
        this.by = by;
    }

    /** {@code 1 h}, {@code 6 h}, {@code 24 h}, {@code 7 d}, {@code all}. */
    public String label() {
        return label;
    }

    public By by() {
        return by;
    }

    /** How far back the range reaches; empty for the whole history. */
    public Optional<Duration> span() {
        return Optional.ofNullable(span);
    }

    /** The first bucket's start for a chart drawn at {@code now}: a whole bucket, so it is never a partial one. */
    public Optional<Instant> since(Instant now) {
        return span().map(s -> now.minus(s).truncatedTo(by.unit()));
    }

    /** The words for "in this range", as an empty chart says it: "in the last 6 h", "yet". */
    public String inWords() {
        return span == null ? "yet" : "in the last " + label;
    }

    /** The range a label names; {@link #DAY} for anything else (a preference from another version). */
    public static ChartRange ofLabel(String label) {
        for (ChartRange range : values()) {
            if (range.label.equals(label)) {
                return range;
            }
        }
        return DAY;
    }

    /**
     * The bucket width for a chart of {@code span} (a run from start to finish): minutes up to 6 h,
     * hours up to 14 days, days beyond, so a run's chart has at most about 360 buckets too.
     */
    public static By byForSpan(Duration span) {
        if (span.compareTo(Duration.ofHours(6)) <= 0) {
            return By.MINUTE;
        }
        return span.compareTo(Duration.ofDays(14)) <= 0 ? By.HOUR : By.DAY;
    }
}
