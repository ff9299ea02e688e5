package dev.runstore.core.bench;

import com.zaxxer.hikari.HikariDataSource;
import dev.runstore.core.db.Database;
import dev.runstore.core.store.Events;
import dev.runstore.core.store.Level;
import dev.runstore.core.store.NewEvent;
import dev.runstore.core.store.NewRun;
import dev.runstore.core.store.Runs;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A writer process for the cross-process benchmark. Arguments: mode ({@value #RUNSTORE} or
 * {@value #POOLED}), database, run name, unit size, seconds.
 *
 * <p>It opens the database, writes for {@value #WARM_UP_SECONDS} s into a run of its own (JIT
 * warm-up, not counted), prints {@value #READY}, and waits for a line on stdin, so that every
 * process starts measuring at once. Then it appends units for the given time and prints {@value
 * #RESULT} {@code events failures p50 p99 max} (latencies in ms).
 */
public final class BenchWriter {
    static final String RUNSTORE = "runstore";
    static final String POOLED = "pooled";
    static final String READY = "ready";
    static final String RESULT = "result";
    static final double WARM_UP_SECONDS = 0.5;

    private BenchWriter() {}

    /** Appends one unit of {@code events} events whose first seq is {@code firstSeq}. */
    @FunctionalInterface
    private interface UnitWriter {
        void write(long firstSeq, int events) throws Exception;
    }

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        Path file = Path.of(args[1]);
        String run = args[2];
        int unit = Integer.parseInt(args[3]);
        double seconds = Double.parseDouble(args[4]);
        switch (mode) {
            case RUNSTORE -> {
                try (Database db = Database.open(file)) {
                    Runs runs = new Runs(db);
                    Events events = new Events(db);
                    measure(run, unit, seconds, name -> {
                        long runId = runs.create(new NewRun(name, "bench", Map.of(), Instant.now()))
                                .id();
                        return (first, count) -> events.append(runId, batch(first, count));
                    });
                }
            }
            case POOLED -> {
                try (HikariDataSource pool = PlainSqlite.pooled(file, 8)) {
                    measure(run, unit, seconds, name -> {
                        long runId;
                        try (Connection c = pool.getConnection()) {
                            runId = PlainSqlite.insertRun(c, name);
                        }
                        return (first, count) -> PlainSqlite.commitUnit(pool, runId, first, count);
                    });
                }
            }
            default -> throw new IllegalArgumentException("mode must be " + RUNSTORE + " or " + POOLED);
        }
    }

    @FunctionalInterface
    private interface RunOpener {
        UnitWriter open(String runName) throws SQLException;
    }

    private static void measure(String name, int unit, double seconds, RunOpener runs) throws Exception {
        writeFor(runs.open("warm-up-" + name), unit, WARM_UP_SECONDS, new Stats(), new long[2]);
        UnitWriter measured = runs.open(name);
        System.out.println(READY);
        System.out.flush();
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        Stats latency = new Stats();
        long[] counts = new long[2]; // events, failed transactions
        writeFor(measured, unit, seconds, latency, counts);
        System.out.println(RESULT + " " + counts[0] + " " + counts[1] + " " + latency.percentileMillis(50) + " "
                + latency.percentileMillis(99) + " " + latency.percentileMillis(100));
    }

    private static void writeFor(UnitWriter writer, int unit, double seconds, Stats latency, long[] counts) {
        long until = System.nanoTime() + (long) (seconds * 1e9);
        long seq = 0;
        while (System.nanoTime() < until) {
            long started = System.nanoTime();
            try {
                writer.write(seq + 1, unit);
                counts[0] += unit;
            } catch (Exception e) {
                counts[1]++;
            }
            seq += unit;
            latency.add(System.nanoTime() - started);
        }
    }

    private static List<NewEvent> batch(long firstSeq, int count) {
        List<NewEvent> batch = new ArrayList<>(count);
        for (long seq = firstSeq; seq < firstSeq + count; seq++) {
            batch.add(new NewEvent(seq, Instant.now(), Level.INFO, "bench", "event " + seq, null));
        }
        return batch;
    }
}
