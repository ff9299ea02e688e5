package dev.runstore.core.bench;

import dev.runstore.core.admin.Demo;
import dev.runstore.core.admin.Listings;
import dev.runstore.core.catalog.TableCounts;
import dev.runstore.core.db.Database;
import dev.runstore.core.migrate.Migrator;
import dev.runstore.core.store.Events;
import dev.runstore.core.store.Level;
import dev.runstore.core.store.ListingQueries;
import dev.runstore.core.store.NewEvent;
import dev.runstore.core.store.NewRun;
import dev.runstore.core.store.Runs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How cost grows with the database (issue 18): runstore's ingest rate into an empty database, one
 * of 1,000,000 events and the browsing database (10,000,000); and on the two large ones, every
 * console listing query next to writers, with the WAL's largest size meanwhile. What this adds
 * to the browsing database is deleted again, so the cache stays what its name says.
 */
final class GrowthBenchmark {
    static final int THREADS = 4;
    static final int UNIT = 50;
    private static final String PREFIX = "bench-growth-";

    private final Path work;
    private final Path large;
    private final double seconds;
    private final int repeats;
    private final StringBuilder report;
    private final Map<String, Measured> measured;
    private final Map<String, Object> json = new LinkedHashMap<>();

    /** @param large the browsing database (built by BrowseBenchmark) */
    GrowthBenchmark(
            Path work, Path large, double seconds, int repeats, StringBuilder report, Map<String, Measured> measured) {
        this.work = work;
        this.large = large;
        this.seconds = seconds;
        this.repeats = repeats;
        this.report = report;
        this.measured = measured;
    }

    Map<String, Object> run() throws Exception {
        if (!Files.exists(large)) {
            throw new IllegalStateException(large + " is missing: build it first with -Dbench.only=browse");
        }
        report.append("## How cost grows with the database\n\n")
                .append("runstore, ")
                .append(THREADS)
                .append(" threads x ")
                .append(UNIT)
                .append("-event units for ")
                .append(seconds)
                .append(" s (median of ")
                .append(repeats)
                .append("), into an empty database, into one of 1,000,000 events built here with `Demo.fill`, and")
                .append(" into the browsing database above; then, on the two large ones, each console listing query")
                .append(" in a loop (after warm-up) while 4 writer threads append 10-event units, with the WAL file's")
                .append(" largest size meanwhile (sampled every 2 ms). The events added to the browsing database")
                .append(" are deleted afterwards.\n\n");
        Path empty = work.resolve("growth-empty.db");
        try (Database db = Database.open(empty)) {
            new Migrator().migrate(db);
        }
        Path million = work.resolve("growth-1m.db");
        long built = System.nanoTime();
        try (Database db = Database.open(million)) {
            Demo.fill(db, 100, 10_000);
        }
        double buildSeconds = (System.nanoTime() - built) / 1e9;
        report.append("| database | events in it | events/s | vs empty | commit p50 ms | p99 ms |\n")
                .append("|---|---|---|---|---|---|\n");
        List<Map<String, Object>> ingest = new ArrayList<>();
        double emptyRate = 0;
        List<Path> files = List.of(empty, million, large);
        List<String> names = List.of("empty", "1,000,000 events", "browsing database");
        Map<Path, Long> sizes = new LinkedHashMap<>();
        try {
            for (int i = 0; i < files.size(); i++) {
                try (Database db = Database.open(files.get(i))) {
                    removeOwnRuns(db);
                    long events = TableCounts.of(db).get("events");
                    sizes.put(files.get(i), events);
                    List<Measured> results = new ArrayList<>();
                    for (int r = 0; r < repeats; r++) {
                        results.add(WriterThreads.append(db, PREFIX + r + "-", THREADS, UNIT, seconds));
                    }
                    Measured median = Measured.median(results);
                    if (i == 0) {
                        emptyRate = median.eventsPerSecond();
                    }
                    measured.put("growth/" + events, median);
                    Map<String, Object> row = median.row(WriterThreads.RUNSTORE, THREADS, 0, UNIT);
                    row.put("events_in_database", events);
                    row.put("vs_empty", median.eventsPerSecond() / emptyRate);
                    ingest.add(row);
                    report.append(String.format(
                            Locale.ROOT,
                            "| %s | %,d | %,.0f | %.0f%% | %.2f | %.2f |%n",
                            names.get(i),
                            events,
                            median.eventsPerSecond(),
                            100 * median.eventsPerSecond() / emptyRate,
                            median.p50(),
                            median.p99()));
                }
            }
            json.put("ingest", ingest);
            report.append(String.format(
                    Locale.ROOT, "%nThe 1,000,000-event database was built in %.1f s.%n%n", buildSeconds));
            List<Map<String, Object>> listings = new ArrayList<>();
            for (Path file : List.of(million, large)) {
                listings.add(readers(file, sizes.get(file)));
            }
            json.put("listings_under_writes", listings);
            json.put("pooled_largest_wal_bytes", pooledWal(million));
            try (Database db = Database.open(million)) {
                admin(db);
            }
        } finally {
            try (Database db = Database.open(large)) {
                removeOwnRuns(db);
            }
        }
        return json;
    }

    /** Each listing query next to 4 appending threads; the WAL's size sampled meanwhile. */
    private Map<String, Object> readers(Path file, long events) throws Exception {
        Path wal = file.resolveSibling(file.getFileName() + "-wal");
        Map<String, Stats> perQuery = new LinkedHashMap<>();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong largestWal = new AtomicLong();
        AtomicLong appended = new AtomicLong();
        Stats commits = new Stats();
        List<Thread> threads = new ArrayList<>();
        try (Database db = Database.open(file)) {
            Events repository = new Events(db);
            long runId = new Runs(db)
                    .create(new NewRun(PREFIX + "live", "bench", Map.of(), Instant.now()))
                    .id();
            for (int w = 0; w < 4; w++) {
                long offset = w * 1_000_000_000L;
                threads.add(new Thread(() -> {
                    long seq = offset;
                    while (!stop.get()) {
                        List<NewEvent> batch = new ArrayList<>();
                        for (int i = 0; i < 10; i++) {
                            batch.add(new NewEvent(++seq, Instant.now(), Level.WARNING, "bench", "live", null));
                        }
                        long t0 = System.nanoTime();
                        repository.append(runId, batch);
                        commits.add(System.nanoTime() - t0);
                        appended.addAndGet(10);
                    }
                }));
            }
            threads.add(walSampler(wal, stop, largestWal));
            threads.forEach(Thread::start);
            long warmUntil = System.nanoTime() + (long) (seconds * 1e9); // JIT warm-up, not counted
            while (System.nanoTime() < warmUntil) {
                ListingQueries.all().forEach(query -> runListing(db, query));
            }
            long started = System.nanoTime();
            long until = started + (long) (seconds * repeats * 1e9);
            long appendedBefore = appended.get();
            while (System.nanoTime() < until) {
                for (ListingQueries.Query query : ListingQueries.all()) {
                    long t0 = System.nanoTime();
                    runListing(db, query);
                    perQuery.computeIfAbsent(query.name(), k -> new Stats()).add(System.nanoTime() - t0);
                }
            }
            double writeRate = (appended.get() - appendedBefore) / ((System.nanoTime() - started) / 1e9);
            stop.set(true);
            for (Thread thread : threads) {
                thread.join();
            }
            report.append(String.format(
                            Locale.ROOT,
                            "### Listing queries on %,d events while 4 writer threads append (%,.0f events/s)%n%n",
                            events,
                            writeRate))
                    .append("| listing query | runs | p50 ms | p99 ms | max ms |\n|---|---|---|---|---|\n");
            List<Map<String, Object>> rows = new ArrayList<>();
            double worst = 0;
            for (var entry : perQuery.entrySet()) {
                Stats stats = entry.getValue();
                worst = Math.max(worst, stats.percentileMillis(99));
                report.append(String.format(
                        Locale.ROOT,
                        "| %s | %d | %.2f | %.2f | %.2f |%n",
                        entry.getKey(),
                        stats.count(),
                        stats.percentileMillis(50),
                        stats.percentileMillis(99),
                        stats.percentileMillis(100)));
                rows.add(Map.of("query", entry.getKey(), "p99_ms", stats.percentileMillis(99)));
            }
            report.append(String.format(
                    Locale.ROOT,
                    "%nWorst p99: **%.2f ms**. Meanwhile the writers' commit p99 was %.2f ms (max %.2f ms) and the"
                            + " largest WAL **%.1f MB**.%n%n",
                    worst,
                    commits.percentileMillis(99),
                    commits.percentileMillis(100),
                    largestWal.get() / 1e6));
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("events_in_database", events);
            result.put("writer_events_per_s", Math.round(writeRate));
            result.put("worst_p99_ms", worst);
            result.put("largest_wal_bytes", largestWal.get());
            result.put("writer_p99_ms", commits.percentileMillis(99));
            result.put("queries", rows);
            return result;
        }
    }

    private void admin(Database db) {
        Map<String, Double> medians = new LinkedHashMap<>();
        medians.put("counts", timeMedian(() -> TableCounts.of(db)));
        medians.put("recent runs (20)", timeMedian(() -> Listings.recentRuns(db, Optional.empty(), 20)));
        medians.put(
                "recent events (50)", timeMedian(() -> Listings.recentEvents(db, Optional.empty(), Level.DEBUG, 50)));
        json.put("admin_ms", medians);
        report.append("Admin operations on the 1,000,000-event database (median of 5, ms): ");
        medians.forEach((name, ms) -> report.append(String.format(Locale.ROOT, "%s %.1f; ", name, ms)));
        report.append("\n\n");
    }

    private static double timeMedian(Runnable operation) {
        double[] times = new double[5];
        for (int i = 0; i < times.length; i++) {
            long t0 = System.nanoTime();
            operation.run();
            times[i] = (System.nanoTime() - t0) / 1e6;
        }
        return Stats.median(times);
    }

    /**
     * The baseline for the WAL's size: the same readers and writers with sqlite-jdbc alone (the
     * pooled baseline's connections, SQLite's own automatic checkpoints), on the same database.
     */
    private long pooledWal(Path file) throws Exception {
        Path wal = file.resolveSibling(file.getFileName() + "-wal");
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong largestWal = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        long runId;
        try (java.sql.Connection c = PlainSqlite.walConnection(file)) {
            runId = PlainSqlite.insertRun(c, PREFIX + "pooled");
        }
        try (com.zaxxer.hikari.HikariDataSource pool = PlainSqlite.pooled(file, 8)) {
            for (int w = 0; w < 4; w++) {
                long offset = w * 1_000_000_000L;
                threads.add(new Thread(() -> {
                    long seq = offset;
                    while (!stop.get()) {
                        try {
                            PlainSqlite.commitUnit(pool, runId, seq + 1, 10);
                        } catch (java.sql.SQLException e) {
                            // counted by the threads table; here only the WAL matters
                        }
                        seq += 10;
                    }
                }));
            }
            threads.add(walSampler(wal, stop, largestWal));
            threads.forEach(Thread::start);
            try (java.sql.Connection c = PlainSqlite.walConnection(file);
                    org.jdbi.v3.core.Handle h = org.jdbi.v3.core.Jdbi.open(c)) {
                long until = System.nanoTime() + (long) (seconds * (repeats + 1) * 1e9);
                while (System.nanoTime() < until) {
                    for (ListingQueries.Query query : ListingQueries.all()) {
                        var q = h.createQuery(query.sql());
                        query.sampleParameters().forEach(q::bind);
                        q.mapToMap().list();
                    }
                }
            } finally {
                stop.set(true);
                for (Thread thread : threads) {
                    thread.join();
                }
            }
        }
        report.append(String.format(
                Locale.ROOT,
                "The same listing loop and 4 writer threads of 10-event units with sqlite-jdbc alone (the"
                        + " pooled baseline, SQLite's own checkpoints) on the 1,000,000-event database: largest"
                        + " WAL **%.1f MB**.%n%n",
                largestWal.get() / 1e6));
        return largestWal.get();
    }

    /** A thread that keeps the WAL file's largest size in {@code largest}, sampled every 2 ms. */
    private static Thread walSampler(Path wal, AtomicBoolean stop, AtomicLong largest) {
        return new Thread(() -> {
            while (!stop.get()) {
                try {
                    largest.accumulateAndGet(Files.exists(wal) ? Files.size(wal) : 0, Math::max);
                    Thread.sleep(2);
                } catch (Exception e) {
                    return;
                }
            }
        });
    }

    static int runListing(Database db, ListingQueries.Query query) {
        return db.read(h -> {
            var q = h.createQuery(query.sql());
            query.sampleParameters().forEach(q::bind);
            return q.mapToMap().list().size();
        });
    }

    /** Deletes the events and runs this section added (also those of an interrupted earlier run). */
    private static void removeOwnRuns(Database db) {
        db.useWrite(h -> {
            h.execute("DELETE FROM events WHERE run_id IN (SELECT id FROM runs WHERE name LIKE ?)", PREFIX + "%");
            h.execute("DELETE FROM runs WHERE name LIKE ?", PREFIX + "%");
        });
    }
}
