package dev.runstore.desktop.support;

import dev.runstore.core.db.Database;
import dev.runstore.core.migrate.Environment;
import dev.runstore.core.migrate.Migrator;
import dev.runstore.core.store.Events;
import dev.runstore.core.store.Level;
import dev.runstore.core.store.NewEvent;
import dev.runstore.core.store.NewRun;
import dev.runstore.core.store.Run;
import dev.runstore.core.store.RunStatus;
import dev.runstore.core.store.Runs;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * A database for the charts, written by its own connection (closed before the console opens it):
 * five runs over the last six hours, at known minutes before the moment it was written, with every
 * level and a rate that rises and falls; the last run is still running, one failed. Plus one event
 * three days back, outside every range but 7 d and all. The events are kept, so a test counts
 * them itself.
 */
public final class ChartSeed {
    /** One written event: its run, time and level. */
    public record Written(long runId, Instant ts, Level level) {}

    public final Path file;
    public final Instant now;
    public final List<Run> runs = new ArrayList<>();
    public final List<Written> events = new ArrayList<>();

    private ChartSeed(Path file, Instant now) {
        this.file = file;
        this.now = now;
    }

    public static ChartSeed write(Path folder, String name) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        ChartSeed seed = new ChartSeed(folder.resolve(name), now);
        try (Database db = Database.open(seed.file)) {
            new Migrator(Environment.DEVELOPMENT).migrate(db);
            Runs runs = new Runs(db);
            Events events = new Events(db);
            // run r covers minutes [start, end) before now
            int[][] spans = {{350, 290}, {280, 200}, {190, 120}, {110, 45}, {40, 0}};
            RunStatus[] ends = {RunStatus.SUCCEEDED, RunStatus.SUCCEEDED, RunStatus.FAILED, RunStatus.SUCCEEDED, null};
            String[] names = {"nightly-import", "reindex", "backfill-2026", "nightly-export", "live-ingest"};
            for (int r = 0; r < spans.length; r++) {
                Instant started = now.minus(spans[r][0], ChronoUnit.MINUTES).plusSeconds(7);
                Run run = runs.create(new NewRun(names[r], "chart-seed", Map.of("r", r), started));
                List<NewEvent> batch = new ArrayList<>();
                int seq = 0;
                for (int m = spans[r][0]; m > spans[r][1]; m--) {
                    // a rate that rises and falls over the run, from 1 to about 25 a minute
                    int perMinute = 1 + (int) (12 * (1 + Math.sin(m / 9.0 + r)));
                    for (int k = 0; k < perMinute; k++) {
                        Instant ts = now.minus(m, ChronoUnit.MINUTES).plusSeconds(3 + (k * 53L) % 57);
                        Level level = level(seq + r);
                        batch.add(new NewEvent(++seq, ts, level, "step", "event " + seq, null));
                        seed.events.add(new Written(run.id(), ts, level));
                    }
                }
                if (r == 0) { // one old event, three days back
                    Instant old = now.minus(3, ChronoUnit.DAYS).plusSeconds(30);
                    batch.add(new NewEvent(++seq, old, Level.INFO, "step", "old", null));
                    seed.events.add(new Written(run.id(), old, Level.INFO));
                }
                events.append(run.id(), batch);
                if (ends[r] != null) {
                    run = runs.finish(
                            run.id(), ends[r], Map.of("events", seq), now.minus(spans[r][1], ChronoUnit.MINUTES));
                }
                seed.runs.add(run);
            }
        }
        return seed;
    }

    /** Mostly info, some debug, fewer warnings, a few errors. */
    private static Level level(int i) {
        int k = i % 20;
        return k < 4 ? Level.DEBUG : k < 16 ? Level.INFO : k < 19 ? Level.WARNING : Level.ERROR;
    }

    /** Counts per level (debug, info, warning, error) by bucket start, of the events {@code in}. */
    public Map<Instant, long[]> countsBy(ChronoUnit unit, Predicate<Written> in) {
        Map<Instant, long[]> counts = new TreeMap<>();
        events.stream()
                .filter(in)
                .forEach(e -> counts.computeIfAbsent(e.ts().truncatedTo(unit), t -> new long[4])[
                        e.level().ordinal()]++);
        return counts;
    }
}
