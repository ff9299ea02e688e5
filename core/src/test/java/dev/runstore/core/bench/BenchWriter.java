package dev.runstore.core.bench;

import dev.runstore.core.db.Database;
import dev.runstore.core.store.Events;
import dev.runstore.core.store.Level;
import dev.runstore.core.store.NewEvent;
import dev.runstore.core.store.NewRun;
import dev.runstore.core.store.Runs;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A writer process for the cross-process benchmark: appends units of events through runstore for a
 * fixed time, then prints {@code events failures p50 p99 max} (latencies in ms) on one line.
 * Arguments: database, run name, unit size, seconds.
 */
public final class BenchWriter {
    private BenchWriter() {}

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        String run = args[1];
        int unit = Integer.parseInt(args[2]);
        Stats latency = new Stats();
        long events = 0;
        long failures = 0;
        try (Database db = Database.open(file)) {
            long runId = new Runs(db)
                    .create(new NewRun(run, "bench", Map.of(), Instant.now()))
                    .id();
            Events repository = new Events(db);
            // Measure from here: JVM start-up and opening the database are not ingestion.
            long until = System.nanoTime() + (long) (Double.parseDouble(args[3]) * 1e9);
            long seq = 0;
            while (System.nanoTime() < until) {
                List<NewEvent> batch = new ArrayList<>(unit);
                for (int i = 0; i < unit; i++) {
                    seq++;
                    batch.add(new NewEvent(seq, Instant.now(), Level.INFO, "bench", "event " + seq, null));
                }
                long started = System.nanoTime();
                try {
                    repository.append(runId, batch);
                    events += unit;
                } catch (RuntimeException e) {
                    failures++;
                }
                latency.add(System.nanoTime() - started);
            }
        }
        System.out.println(events + " " + failures + " " + latency.percentileMillis(50) + " "
                + latency.percentileMillis(99) + " " + latency.percentileMillis(100));
    }
}
