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
        Listings.requireSchema(db);
        String bucket = db.engine().timeBucket("ts", by.unit());
        String sql = "SELECT " + bucket + " AS t, level, count(*) AS n FROM events"
                + " WHERE level IN ('debug', 'info', 'warning', 'error')"
                + since.map(s -> " AND ts >= :since").orElse("")
                + until.map(u -> " AND ts < :until").orElse("")
                + " GROUP BY " + bucket + ", level";
        Map<String, long[]> buckets = new TreeMap<>(); // the bucket text sorts as its time does
        db.useRead(h -> {
            var query = h.createQuery(sql);
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
