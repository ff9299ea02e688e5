package dev.runstore.desktop.chart;

import dev.runstore.core.stats.EventRates.By;
import dev.runstore.core.stats.LevelCounts;
import dev.runstore.core.store.Run;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import javafx.util.StringConverter;

/** The charts' words: axis labels, which of them are drawn, and the tooltips. Plain strings, no toolkit. */
public final class ChartText {
    private static final DateTimeFormatter MINUTE =
            DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter HOUR =
            DateTimeFormatter.ofPattern("MM-dd HH:00", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DAY =
            DateTimeFormatter.ofPattern("yyyy-MM-dd", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter FULL =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter SECONDS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT).withZone(ZoneOffset.UTC);

    /** About this many labels on a time axis, so they never overlap. */
    static final int LABELS = 10;

    private ChartText() {}

    /**
     * A bucket's name on the axis, unique within any range the charts draw: {@code 09:05} (a range
     * of minutes is at most 6 h), {@code 11-27 09:00}, {@code 2026-11-27}.
     */
    public static String label(Instant start, By by) {
        return switch (by) {
            case MINUTE -> MINUTE.format(start);
            case HOUR -> HOUR.format(start);
            case DAY -> DAY.format(start);
        };
    }

    /**
     * The time axis's tick step in seconds for {@code buckets} buckets of {@code by}: a round step
     * of the clock (5 or 10 minutes, 6 hours, a week), so about {@link #LABELS} labels are drawn.
     */
    public static long tickSeconds(By by, int buckets) {
        int[] steps = switch (by) {
            case MINUTE -> new int[] {1, 2, 5, 10, 15, 30, 60, 120};
            case HOUR -> new int[] {1, 2, 3, 6, 12, 24, 48};
            case DAY -> new int[] {1, 2, 7, 14, 28, 56, 91, 182, 364};
        };
        int step = steps[steps.length - 1];
        for (int s : steps) {
            if (buckets / s <= LABELS) {
                step = s;
                break;
            }
        }
        return step * by.unit().getDuration().getSeconds();
    }

    /** Tick labels of a time axis in epoch seconds: as {@link #label} writes a bucket of {@code by}. */
    static StringConverter<Number> timeTicks(By by) {
        return new StringConverter<>() {
            @Override
            public String toString(Number seconds) {
                return label(Instant.ofEpochSecond(seconds.longValue()), by);
            }

            @Override
            public Number fromString(String text) {
                throw new UnsupportedOperationException("the time axis is not edited");
            }
        };
    }

    /** {@code 2026-11-27 09:05 UTC, 1 minute} then each level's count and the total, one per line. */
    public static String tooltip(LevelCounts bucket, By by) {
        String width = switch (by) {
            case MINUTE -> "1 minute";
            case HOUR -> "1 hour";
            case DAY -> "1 day";
        };
        return String.format(
                Locale.ROOT,
                "%s UTC, %s%ndebug %,d%ninfo %,d%nwarning %,d%nerror %,d%ntotal %,d%nClick a bar to browse its events",
                by == By.DAY ? DAY.format(bucket.start()) : FULL.format(bucket.start()),
                width,
                bucket.debug(),
                bucket.info(),
                bucket.warning(),
                bucket.error(),
                bucket.total());
    }

    /** A run bar's tooltip: name, status, start, finish (or how long it has been running). */
    public static String runTooltip(Run run, Instant now) {
        Instant end = run.finishedAt() == null ? now : run.finishedAt();
        return run.name() + " · " + run.status().label() + "\nstarted " + SECONDS.format(run.startedAt()) + " UTC\n"
                + (run.finishedAt() == null
                        ? "running for " + duration(Duration.between(run.startedAt(), end))
                        : "finished " + SECONDS.format(run.finishedAt()) + " UTC, after "
                                + duration(Duration.between(run.startedAt(), end)))
                + "\nClick to open the run";
    }

    /** A time axis tick: {@code 11-27 09:05} in UTC, from epoch seconds. */
    static String tick(Number epochSeconds) {
        return HOUR.format(Instant.ofEpochSecond(epochSeconds.longValue())).substring(0, 6)
                + MINUTE.format(Instant.ofEpochSecond(epochSeconds.longValue()));
    }

    static String duration(Duration d) {
        long s = Math.max(0, d.getSeconds());
        if (s < 60) {
            return s + " s";
        }
        if (s < 3_600) {
            return String.format(Locale.ROOT, "%d min %d s", s / 60, s % 60);
        }
        return String.format(Locale.ROOT, "%d h %d min", s / 3_600, s % 3_600 / 60);
    }
}
