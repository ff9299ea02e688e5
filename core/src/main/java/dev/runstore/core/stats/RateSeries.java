package dev.runstore.core.stats;

import dev.runstore.core.db.Database;
import dev.runstore.core.query.Filter;
import dev.runstore.core.stats.EventRates.By;
import dev.runstore.core.store.Level;
import dev.runstore.core.time.UtcTime;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A chart's series of event rates, all events' or one run's, that a live refresh continues instead
 * of reading again: {@link #refreshed} keeps the counts of the buckets before the last one and reads
 * only from the last bucket's start (the one still filling), so a refresh of any range, "all" on
 * ten million events too, costs the events of one bucket. An event written later with an older
 * time (into a bucket already kept) is not seen until the series is read afresh ({@link #of}); the
 * console does that when the range or the database changes.
 *
 * @param run the run whose events are counted, or empty for every run's
 * @param span how far back the series reaches from the refresh's moment; empty for no bound
 * @param since the first bucket's start as of the last read; empty for no bound
 * @param buckets the buckets with events, oldest first (those without are left out)
 */
public record RateSeries(
        OptionalLong run, By by, Optional<Duration> span, Optional<Instant> since, List<LevelCounts> buckets) {
    public RateSeries {
        buckets = List.copyOf(buckets);
    }

    /** Every run's events in {@code range} as of {@code now}. */
    public static RateSeries of(Database db, ChartRange range, Instant now) {
        Optional<Instant> since = range.since(now);
        return new RateSeries(
                OptionalLong.empty(),
                range.by(),
                range.span(),
                since,
                EventRates.of(db, range.by(), since, Optional.empty()));
    }

    /** All of one run's events, in buckets of {@code by} (see {@link ChartRange#byForSpan}). */
    public static RateSeries ofRun(Database db, long runId, By by) {
        return new RateSeries(
                OptionalLong.of(runId),
                by,
                Optional.empty(),
                Optional.empty(),
                EventRates.ofRun(db, runId, by, Optional.empty(), Optional.empty()));
    }

    /** The series as of {@code now}: the kept buckets, the last one and any newer read again. */
    public RateSeries refreshed(Database db, Instant now) {
        Optional<Instant> window = span.map(s -> now.minus(s).truncatedTo(by.unit()));
        Optional<Instant> from = buckets.isEmpty()
                ? window.or(() -> since)
                : Optional.of(buckets.get(buckets.size() - 1).start());
        if (from.isPresent() && window.isPresent() && window.get().isAfter(from.get())) {
            from = window;
        }
        List<LevelCounts> merged = new ArrayList<>();
        for (LevelCounts bucket : buckets) {
            boolean inWindow = window.isEmpty() || !bucket.start().isBefore(window.get());
            boolean before = from.isPresent() && bucket.start().isBefore(from.get());
            if (inWindow && before) {
                merged.add(bucket);
            }
        }
        merged.addAll(
                run.isPresent()
                        ? EventRates.ofRun(db, run.getAsLong(), by, from, Optional.empty())
                        : EventRates.of(db, by, from, Optional.empty()));
        return new RateSeries(run, by, span, window.or(() -> since), merged);
    }

    /**
     * The events of one bucket as the row browser's filters on the events table: at {@code level}
     * when given, of {@code run} when given, from the bucket's start (inclusive) to the next one's
     * (exclusive). Times are runstore's UTC text, which each engine compares with its {@code ts}.
     */
    public static List<Filter> browseFilters(Instant start, By by, Optional<Level> level, OptionalLong run) {
        List<Filter> filters = new ArrayList<>();
        run.ifPresent(id -> filters.add(Filter.equal("run_id", id)));
        level.ifPresent(l -> filters.add(Filter.equal("level", l.label())));
        // No "at or after" among the filters: a microsecond before is the same bound, as times
        // are kept to the microsecond.
        filters.add(new Filter("ts", Filter.Op.GREATER, UtcTime.toSqlText(start.minus(1, ChronoUnit.MICROS))));
        filters.add(new Filter("ts", Filter.Op.LESS, UtcTime.toSqlText(start.plus(1, by.unit()))));
        return filters;
    }

    /** Every event the series counts. */
    public long total() {
        return buckets.stream().mapToLong(LevelCounts::total).sum();
    }
}
