package dev.runstore.core.bench;

import dev.runstore.core.db.Database;
import dev.runstore.core.db.DatabaseConfig;
import dev.runstore.core.stats.ChartRange;
import dev.runstore.core.stats.RateSeries;
import dev.runstore.core.store.Run;
import dev.runstore.core.store.Runs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The console's charts on the browsing database (issue 17): each range's first draw and its live
 * refresh ({@link RateSeries#refreshed}: the last bucket only), one big run's chart, the runs
 * timeline. "Now" is the newest event's time, as if the demo were being written now, so every
 * range holds events (the file was built earlier; at the real now the short ranges may be empty).
 */
final class ChartsBenchmark {
    private static final double DRAW_TARGET_MS = 300;

    private final Path file;
    private final StringBuilder report;
    private final StringBuilder table = new StringBuilder();
    private final List<Map<String, Object>> rows = new ArrayList<>();

    ChartsBenchmark(Path file, StringBuilder report) {
        this.file = file;
        this.report = report;
    }

    Map<String, Object> run() throws Exception {
        if (!Files.exists(file)) {
            throw new IllegalStateException("no browsing database at " + file
                    + "; run the benchmark with -Dbench.only=browse first, which builds it");
        }
        Map<String, Object> json = new LinkedHashMap<>();
        long events;
        try (Database db = Database.open(DatabaseConfig.builder(file).readOnly().build())) {
            events = dev.runstore.core.catalog.TableCounts.of(db).get("events");
            Instant now = db.read(h -> h.createQuery("SELECT max(ts) FROM events")
                            .mapTo(Instant.class)
                            .one())
                    .plusSeconds(1);
            json.put("now", now.toString());
            for (ChartRange range : ChartRange.values()) {
                boolean scan = range == ChartRange.WEEK || range == ChartRange.ALL;
                int runs = scan ? 3 : 20;
                RateSeries[] drawn = new RateSeries[1];
                Stats first = time(1, runs, () -> drawn[0] = RateSeries.of(db, range, now));
                row(
                        range.label() + " by " + range.by().name().toLowerCase(Locale.ROOT) + ": first draw ("
                                + drawn[0].buckets().size() + " buckets, "
                                + String.format(Locale.ROOT, "%,d", drawn[0].total()) + " events)",
                        first,
                        scan ? "background" : "<= 300 ms",
                        scan ? Double.NaN : DRAW_TARGET_MS);
                RateSeries shown = drawn[0];
                row(
                        range.label() + ": live refresh (last bucket)",
                        time(3, 50, () -> shown.refreshed(db, now)),
                        "<= 300 ms",
                        DRAW_TARGET_MS);
            }
            Run big = new Runs(db).listRecent(Optional.empty(), 1).get(0);
            Instant end = big.finishedAt() == null ? now : big.finishedAt();
            var by = ChartRange.byForSpan(Duration.between(big.startedAt(), end));
            RateSeries[] ofRun = new RateSeries[1];
            row(
                    "one run's chart, run " + big.id() + " ("
                            + String.format(
                                    Locale.ROOT,
                                    "%,d",
                                    RateSeries.ofRun(db, big.id(), by).total())
                            + " events by " + by.name().toLowerCase(Locale.ROOT) + ")",
                    time(2, 20, () -> ofRun[0] = RateSeries.ofRun(db, big.id(), by)),
                    "<= 300 ms",
                    DRAW_TARGET_MS);
            row(
                    "one run's chart: live refresh",
                    time(3, 50, () -> ofRun[0].refreshed(db, now)),
                    "<= 300 ms",
                    DRAW_TARGET_MS);
            row(
                    "runs timeline (12 newest runs)",
                    time(5, 100, () -> new Runs(db).listRecent(Optional.empty(), 12)),
                    "<= 300 ms",
                    DRAW_TARGET_MS);
        }
        json.put("rows", rows);
        report.append(String.format(Locale.ROOT, "## The console's charts on %,d events%n%n", events))
                .append("On the browsing database above, read-only, through core's `RateSeries` and `Runs`; \"now\" is"
                        + " the newest event's time, so every range holds events. A first draw reads the range"
                        + " afresh; a live refresh keeps the complete buckets and reads from the last one's"
                        + " start. 7 d and all read every event of the range (one index range per level, no"
                        + " rollup table): the console loads them in the background and says so.\n\n")
                .append("| operation | runs | p50 ms | p99 ms | target |\n")
                .append("|---|---|---|---|---|\n")
                .append(table)
                .append('\n');
        return json;
    }

    private static Stats time(int warmups, int runs, Supplier<?> operation) {
        for (int i = 0; i < warmups; i++) {
            operation.get();
        }
        Stats stats = new Stats();
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            operation.get();
            stats.add(System.nanoTime() - t0);
        }
        return stats;
    }

    private void row(String name, Stats stats, String target, double targetMs) {
        double p50 = stats.percentileMillis(50);
        double p99 = stats.percentileMillis(99);
        boolean missed = !Double.isNaN(targetMs) && p99 > targetMs;
        table.append(String.format(
                Locale.ROOT,
                "| %s | %d | %.2f | %.2f | %s%s |%n",
                name,
                stats.count(),
                p50,
                p99,
                target,
                missed ? " (missed)" : ""));
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("operation", name);
        row.put("runs", stats.count());
        row.put("p50_ms", p50);
        row.put("p99_ms", p99);
        rows.add(row);
        System.err.printf(Locale.ROOT, "charts: %s p50 %.2f p99 %.2f ms%n", name, p50, p99);
    }
}
