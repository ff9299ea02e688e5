package dev.runstore.core.store;

import dev.runstore.core.db.Database;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A few runs with events of every level, for tests that need a store with data in it. */
public final class SampleData {
    private SampleData() {}

    /** Creates {@code runs} runs of {@code eventsPerRun} events each; returns the runs. */
    public static List<Run> fill(Database db, int runCount, int eventsPerRun) {
        Runs runs = new Runs(db);
        Events events = new Events(db);
        Instant t0 = Instant.parse("2026-11-27T09:00:00Z");
        List<Run> created = new ArrayList<>();
        Level[] levels = Level.values();
        for (int r = 0; r < runCount; r++) {
            Run run = runs.create(new NewRun("run-" + r, "sample", Map.of("index", r), t0.plusSeconds(r * 60L)));
            List<NewEvent> batch = new ArrayList<>();
            for (int seq = 0; seq < eventsPerRun; seq++) {
                batch.add(new NewEvent(
                        seq,
                        t0.plusSeconds(r * 60L + seq),
                        levels[(seq * 7 + r) % levels.length],
                        "step",
                        "event " + seq + " of run " + r,
                        seq % 3 == 0 ? Map.of("seq", seq) : null));
            }
            events.append(run.id(), batch);
            created.add(run);
        }
        return created;
    }
}
