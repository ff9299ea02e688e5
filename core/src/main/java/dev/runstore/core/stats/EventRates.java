package dev.runstore.core.stats;

import dev.runstore.core.admin.Listings;
import dev.runstore.core.db.Database;
import dev.runstore.core.store.Level;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * Events per minute, hour or day, by level, in time order: one grouped query. The levels are named
 * in the condition so the engine reads the (level, ts, seq) index alone, a range per level, never
 * the table. Buckets without events are left out; a chart fills them as zero.
 */
public final class EventRates {
    private EventRates() {}

    /** The width of a bucket. */
    public enum By {
        MINUTE(ChronoUnit.MINUTES),
        HOUR(ChronoUnit.HOURS),
        DAY(ChronoUnit.DAYS);

        private final ChronoUnit unit;

        By(ChronoUnit unit) {
            this.unit = unit;
        }

        public ChronoUnit unit() {
            return unit;
        }
    }

    /** Buckets from {@code since} (inclusive) to {@code until} (exclusive), each optional. */
    public static List<LevelCounts> of(Database db, By by, Optional<Instant> since, Optional<Instant> until) {
        return read(db, by, OptionalLong.empty(), since, until);
    }

    /**
     * One run's buckets, from {@code since} to {@code until}: the run's range of the (run_id, ts,
     * seq) index, each event's level read from its row, so it costs the run's events, not the
     * table's.
     */
    public static List<LevelCounts> ofRun(
            Database db, long runId, By by, Optional<Instant> since, Optional<Instant> until) {
        return read(db, by, OptionalLong.of(runId), since, until);
    }

    /** The plan the engine chooses for {@link #ofRun} with a lower time bound, one line per step. */
    public static List<String> runPlan(Database db, By by) {
        Instant sample = Instant.parse("2026-11-27T09:00:00Z");
        return db.read(h -> db.engine()
                .plan(
                        h,
                        sql(db, by, true, true, false),
                        Map.of("run", 1L, "since", db.engine().timeArgument(sample))));
    }

    private static String sql(Database db, By by, boolean run, boolean since, boolean until) {
        String bucket = db.engine().timeBucket("ts", by.unit());
        // All of one run: no level condition, or the planner may take the level index's four
        // ranges (every event) over the run's own range.
        return "SELECT " + bucket + " AS t, level, count(*) AS n FROM events WHERE "
                + (run ? "run_id = :run" : "level IN ('debug', 'info', 'warning', 'error')")
                + (since ? " AND ts >= :since" : "")
                + (until ? " AND ts < :until" : "")
                + " GROUP BY " + bucket + ", level";
    }

    private static List<LevelCounts> read(
            Database db, By by, OptionalLong run, Optional<Instant> since, Optional<Instant> until) {
        Listings.requireSchema(db);
        String sql = sql(db, by, run.isPresent(), since.isPresent(), until.isPresent());
        Map<String, long[]> buckets = new TreeMap<>(); // the bucket text sorts as its time does
        db.useRead(h -> {
            var query = h.createQuery(sql);
            run.ifPresent(id -> query.bind("run", id));
            since.ifPresent(s -> query.bind("since", db.engine().timeArgument(s)));
            until.ifPresent(u -> query.bind("until", db.engine().timeArgument(u)));
            query.map((rs, ctx) -> new Object[] {rs.getString("t"), rs.getString("level"), rs.getLong("n")})
                    .forEach(row -> buckets.computeIfAbsent((String) row[0], t -> new long[4])[
                                    Level.parse((String) row[1]).ordinal()] +=
                            (Long) row[2]);
        });
        List<LevelCounts> series = new ArrayList<>(buckets.size());
        buckets.forEach((t, n) -> series.add(new LevelCounts(start(t), n[0], n[1], n[2], n[3])));
        return series;
    }

    /** {@code 2026-11-27 09:05}, {@code 2026-11-27 09} or {@code 2026-11-27} as the instant it starts. */
    static Instant start(String bucket) {
        String iso = switch (bucket.length()) {
            case 16 -> bucket + ":00";
            case 13 -> bucket + ":00:00";
            case 10 -> bucket + " 00:00:00";
            default -> throw new IllegalStateException("not a time bucket: " + bucket);
        };
        return Instant.parse(iso.replace(' ', 'T') + "Z");
    }
}
