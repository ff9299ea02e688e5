package dev.runstore.core.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One measured configuration of a write path: its rate, its failed transactions and its commit
 * latencies; and how the benchmark gets one from writer threads.
 */
record Measured(double eventsPerSecond, long failures, double p50, double p99, double max) {

    /** One writer thread's loop; it stops when {@code stop} is set. */
    @FunctionalInterface
    interface Worker {
        void run(int thread, Stats stats, AtomicLong events, AtomicLong failures, AtomicBoolean stop) throws Exception;
    }

    /** Runs {@code threads} workers for {@code seconds} and measures them together. */
    static Measured threads(int threads, double seconds, Worker worker) throws Exception {
        Stats stats = new Stats();
        AtomicLong events = new AtomicLong();
        AtomicLong failures = new AtomicLong();
        AtomicBoolean stop = new AtomicBoolean();
        List<Thread> running = new ArrayList<>();
        long started = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            int index = t;
            Thread thread = new Thread(() -> {
                try {
                    worker.run(index, stats, events, failures, stop);
                } catch (Exception e) {
                    failures.incrementAndGet();
                }
            });
            thread.start();
            running.add(thread);
        }
        Thread.sleep((long) (seconds * 1000));
        stop.set(true);
        for (Thread thread : running) {
            thread.join();
        }
        double elapsed = (System.nanoTime() - started) / 1e9;
        return new Measured(
                events.get() / elapsed,
                failures.get(),
                stats.percentileMillis(50),
                stats.percentileMillis(99),
                stats.percentileMillis(100));
    }

    /** The median of each figure over the repeats; failures are the worst repeat's. */
    static Measured median(List<Measured> results) {
        return new Measured(
                Stats.median(
                        results.stream().mapToDouble(Measured::eventsPerSecond).toArray()),
                results.stream().mapToLong(Measured::failures).max().orElse(0),
                Stats.median(results.stream().mapToDouble(Measured::p50).toArray()),
                Stats.median(results.stream().mapToDouble(Measured::p99).toArray()),
                Stats.median(results.stream().mapToDouble(Measured::max).toArray()));
    }

    /** The row of core/target/bench/performance.json, with the fields scripts read. */
    Map<String, Object> row(String path, int threads, int processes, int unit) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("path", path);
        row.put("threads", threads);
        row.put("processes", processes);
        row.put("events_per_transaction", unit);
        row.put("events_per_s", Math.round(eventsPerSecond));
        row.put("failed_transactions", failures);
        row.put("p50_ms", p50);
        row.put("p99_ms", p99);
        row.put("max_ms", max);
        return row;
    }
}
