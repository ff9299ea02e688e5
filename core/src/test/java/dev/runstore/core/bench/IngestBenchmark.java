package dev.runstore.core.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runstore.core.admin.Demo;
import dev.runstore.core.admin.Listings;
import dev.runstore.core.admin.TableCounts;
import dev.runstore.core.db.Database;
import dev.runstore.core.json.CanonicalJson;
import dev.runstore.core.migrate.Migrator;
import dev.runstore.core.store.Events;
import dev.runstore.core.store.Level;
import dev.runstore.core.store.ListingQueries;
import dev.runstore.core.store.NewEvent;
import dev.runstore.core.store.NewRun;
import dev.runstore.core.store.Runs;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
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
 * The ingestion benchmark behind docs/performance.md. Every figure comes from this one run on this
 * one machine: runstore's write path against plain sqlite-jdbc with driver defaults and against
 * the single-thread, one-transaction limit; medians of {@code --repeats} runs.
 *
 * <p>Run: {@code mvn -B -q -pl core test-compile exec:exec@bench} (see docs/performance.md).
 */
public final class IngestBenchmark {
    private final Path work;
    private final double seconds;
    private final int repeats;
    private final int bigRuns;
    private final Map<String, Object> json = new LinkedHashMap<>();
    private final StringBuilder report = new StringBuilder();

    private IngestBenchmark(Path work, double seconds, int repeats, int bigRuns) {
        this.work = work;
        this.seconds = seconds;
        this.repeats = repeats;
        this.bigRuns = bigRuns;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>(Map.of(
                "--out",
                "../docs/performance.md",
                "--json",
                "target/bench/performance.json",
                "--seconds",
                "2",
                "--repeats",
                "3",
                "--big-runs",
                "100"));
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i], args[i + 1]);
        }
        Path work = Files.createTempDirectory("runstore-bench");
        IngestBenchmark bench = new IngestBenchmark(
                work,
                Double.parseDouble(options.get("--seconds")),
                Integer.parseInt(options.get("--repeats")),
                Integer.parseInt(options.get("--big-runs")));
        bench.run();
        Path out = Path.of(options.get("--out"));
        Path jsonOut = Path.of(options.get("--json"));
        Files.createDirectories(jsonOut.toAbsolutePath().getParent());
        Files.writeString(out, bench.report, StandardCharsets.UTF_8);
        Files.writeString(jsonOut, CanonicalJson.toJson(bench.json) + "\n", StandardCharsets.UTF_8);
        System.out.println("wrote " + out.toAbsolutePath() + " and " + jsonOut.toAbsolutePath());
    }

    private void run() throws Exception {
        header();
        double limit = limit();
        writers(limit);
        processes();
        readers();
        canonicalJson();
    }

    // ---- the machine --------------------------------------------------------------------------

    private void header() throws Exception {
        String cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                .filter(l -> l.startsWith("model name"))
                .findFirst()
                .map(l -> l.substring(l.indexOf(':') + 1).strip())
                .orElse("unknown");
        String memory = Files.readAllLines(Path.of("/proc/meminfo")).get(0).replaceAll("\\s+", " ");
        String sqlite;
        try (Connection c = DriverManager.getConnection("jdbc:sqlite::memory:");
                Statement s = c.createStatement();
                var rs = s.executeQuery("SELECT sqlite_version()")) {
            rs.next();
            sqlite = rs.getString(1);
        }
        Map<String, Object> machine = new LinkedHashMap<>();
        machine.put("cpu", cpu);
        machine.put("cores", Runtime.getRuntime().availableProcessors());
        machine.put("memory", memory);
        machine.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        machine.put("sqlite", sqlite);
        machine.put("date", Instant.now().toString());
        json.put("machine", machine);
        report.append("# Performance\n\n")
                .append("Measured by `mvn -B -q -pl core test-compile exec:exec@bench` (the class is\n")
                .append(
                        "`core/src/test/java/dev/runstore/core/bench/IngestBenchmark.java`). Every figure below comes from\n")
                .append("one run on one machine; each cell is the median of ")
                .append(repeats)
                .append(" runs of ")
                .append(seconds)
                .append(" s.\n\n")
                .append("Machine: ")
                .append(cpu)
                .append(", ")
                .append(Runtime.getRuntime().availableProcessors())
                .append(" cores, ")
                .append(memory)
                .append("; ")
                .append(machine.get("java"))
                .append("; SQLite ")
                .append(sqlite)
                .append("; ")
                .append(machine.get("date"))
                .append(".\n\n");
    }

    // ---- the limit: one thread, one transaction -----------------------------------------------

    private double limit() throws Exception {
        double[] rates = new double[repeats];
        for (int r = 0; r < repeats; r++) {
            Path file = work.resolve("limit-" + r + ".db");
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
                    Statement s = c.createStatement()) {
                s.execute("PRAGMA journal_mode = WAL");
                s.execute("PRAGMA synchronous = NORMAL");
                plainSchema(s);
                c.setAutoCommit(false);
                int rows = 200_000;
                long started = System.nanoTime();
                try (PreparedStatement insert = c.prepareStatement(PLAIN_INSERT)) {
                    for (int i = 1; i <= rows; i++) {
                        bindPlain(insert, 1, i);
                        insert.addBatch();
                        if (i % 1000 == 0) {
                            insert.executeBatch();
                        }
                    }
                }
                c.commit();
                rates[r] = rows / ((System.nanoTime() - started) / 1e9);
            }
        }
        double limit = Stats.median(rates);
        json.put("limit_rows_per_s", Math.round(limit));
        report.append(
                        "## The limit\n\nOne thread, one transaction, batched inserts into an events table with its indexes")
                .append(" (WAL, synchronous=NORMAL): **")
                .append(String.format(Locale.ROOT, "%,.0f", limit))
                .append(" rows/s**. This is what the write paths below are compared against.\n\n");
        return limit;
    }

    private static final String PLAIN_INSERT =
            "INSERT INTO events (run_id, seq, ts, level, kind, message, message_length) VALUES (?, ?, ?, 'info', 'bench', ?, 5)";

    private static void plainSchema(Statement s) throws SQLException {
        s.execute(
                "CREATE TABLE IF NOT EXISTS events (id INTEGER PRIMARY KEY, run_id INTEGER NOT NULL, seq INTEGER NOT NULL,"
                        + " ts TEXT NOT NULL, level TEXT NOT NULL, kind TEXT NOT NULL, message TEXT NOT NULL, message_length"
                        + " INTEGER NOT NULL)");
        s.execute("CREATE UNIQUE INDEX IF NOT EXISTS events_run_seq_idx ON events (run_id, seq)");
        s.execute("CREATE INDEX IF NOT EXISTS events_ts_idx ON events (ts, seq)");
    }

    private static void bindPlain(PreparedStatement insert, long run, long seq) throws SQLException {
        insert.setLong(1, run);
        insert.setLong(2, seq);
        insert.setString(3, "2026-11-27 09:00:00.000000");
        insert.setString(4, "event");
    }

    // ---- writer threads -----------------------------------------------------------------------

    private record Result(double eventsPerSecond, long failures, double p50, double p99, double max) {}

    private void writers(double limit) throws Exception {
        report.append("## Writer threads in one process\n\n")
                .append("| path | threads | events per transaction | events/s | vs limit | failed transactions |")
                .append(" commit p50 ms | p99 ms | max ms |\n|---|---|---|---|---|---|---|---|---|\n");
        List<Map<String, Object>> rows = new ArrayList<>();
        Map<String, Double> rates = new LinkedHashMap<>();
        for (int unit : new int[] {1, 50}) {
            for (int threads : new int[] {1, 4, 8}) {
                for (String path : new String[] {"runstore", "sqlite-jdbc defaults"}) {
                    List<Result> results = new ArrayList<>();
                    for (int r = 0; r < repeats; r++) {
                        results.add(
                                path.equals("runstore") ? runstoreThreads(threads, unit) : plainThreads(threads, unit));
                    }
                    Result median = median(results);
                    rates.put(path + "/" + threads + "/" + unit, median.eventsPerSecond());
                    rows.add(row(path, threads, 0, unit, median));
                    report.append(String.format(
                            Locale.ROOT,
                            "| %s | %d | %d | %,.0f | %.0f%% | %d | %.2f | %.2f | %.2f |%n",
                            path,
                            threads,
                            unit,
                            median.eventsPerSecond(),
                            100 * median.eventsPerSecond() / limit,
                            median.failures(),
                            median.p50(),
                            median.p99(),
                            median.max()));
                }
            }
        }
        json.put("threads", rows);
        double speedup = rates.get("runstore/8/1") / Math.max(1, rates.get("sqlite-jdbc defaults/8/1"));
        double share = rates.get("runstore/4/50") / limit;
        json.put("speedup_8_threads_1_event", speedup);
        json.put("share_of_limit_4_threads_50_events", share);
        report.append(String.format(
                Locale.ROOT,
                "%nTargets: 8 threads x 1-event units reach **%.0fx** plain sqlite-jdbc defaults (target >= 30x);"
                        + " 4 threads x 50-event units reach **%.0f%%** of the limit (target >= 80%%).%n%n",
                speedup,
                100 * share));
    }

    private Result runstoreThreads(int threads, int unit) throws Exception {
        Path file = work.resolve("rs-" + System.nanoTime() + ".db");
        try (Database db = Database.open(file)) {
            new Migrator().migrate(db);
            Runs runs = new Runs(db);
            Events events = new Events(db);
            List<Long> runIds = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                runIds.add(runs.create(new NewRun("t" + t, "bench", Map.of(), Instant.now()))
                        .id());
            }
            return timed(threads, (t, stats, count, failures, stop) -> {
                long seq = 0;
                while (!stop.get()) {
                    List<NewEvent> batch = new ArrayList<>(unit);
                    for (int i = 0; i < unit; i++) {
                        seq++;
                        batch.add(new NewEvent(seq, Instant.now(), Level.INFO, "bench", "event", null));
                    }
                    long started = System.nanoTime();
                    try {
                        events.append(runIds.get(t), batch);
                        count.addAndGet(unit);
                    } catch (RuntimeException e) {
                        failures.incrementAndGet();
                    }
                    stats.add(System.nanoTime() - started);
                }
            });
        }
    }

    private Result plainThreads(int threads, int unit) throws Exception {
        Path file = work.resolve("plain-" + System.nanoTime() + ".db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement s = c.createStatement()) {
            plainSchema(s);
        }
        return timed(threads, (t, stats, count, failures, stop) -> {
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file)) {
                c.setAutoCommit(false);
                long seq = 0;
                try (PreparedStatement insert = c.prepareStatement(PLAIN_INSERT)) {
                    while (!stop.get()) {
                        long started = System.nanoTime();
                        try {
                            for (int i = 0; i < unit; i++) {
                                seq++;
                                bindPlain(insert, t, seq);
                                insert.executeUpdate();
                            }
                            c.commit();
                            count.addAndGet(unit);
                        } catch (SQLException e) {
                            failures.incrementAndGet();
                            try {
                                c.rollback();
                            } catch (SQLException ignored) {
                                // the next attempt starts clean
                            }
                        }
                        stats.add(System.nanoTime() - started);
                    }
                }
            } catch (SQLException e) {
                failures.incrementAndGet();
            }
        });
    }

    @FunctionalInterface
    private interface Worker {
        void run(int thread, Stats stats, AtomicLong events, AtomicLong failures, AtomicBoolean stop) throws Exception;
    }

    private Result timed(int threads, Worker worker) throws Exception {
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
        return new Result(
                events.get() / elapsed,
                failures.get(),
                stats.percentileMillis(50),
                stats.percentileMillis(99),
                stats.percentileMillis(100));
    }

    private static Result median(List<Result> results) {
        return new Result(
                Stats.median(
                        results.stream().mapToDouble(Result::eventsPerSecond).toArray()),
                results.stream().mapToLong(Result::failures).max().orElse(0),
                Stats.median(results.stream().mapToDouble(Result::p50).toArray()),
                Stats.median(results.stream().mapToDouble(Result::p99).toArray()),
                Stats.median(results.stream().mapToDouble(Result::max).toArray()));
    }

    private static Map<String, Object> row(String path, int threads, int processes, int unit, Result result) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("path", path);
        row.put("threads", threads);
        row.put("processes", processes);
        row.put("events_per_transaction", unit);
        row.put("events_per_s", Math.round(result.eventsPerSecond()));
        row.put("failed_transactions", result.failures());
        row.put("p50_ms", result.p50());
        row.put("p99_ms", result.p99());
        row.put("max_ms", result.max());
        return row;
    }

    // ---- writer processes ---------------------------------------------------------------------

    private void processes() throws Exception {
        report.append("## Writer processes\n\nEach process is a separate JVM appending through runstore for ")
                .append(seconds)
                .append(" s (JVM start-up excluded).\n\n")
                .append(
                        "| processes | events per transaction | events/s | failed transactions | commit p50 ms | p99 ms | max ms |\n")
                .append("|---|---|---|---|---|---|---|\n");
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int unit : new int[] {1, 50}) {
            for (int processes : new int[] {2, 4}) {
                List<Result> results = new ArrayList<>();
                for (int r = 0; r < repeats; r++) {
                    results.add(runProcesses(processes, unit));
                }
                Result median = median(results);
                rows.add(row("runstore", 0, processes, unit, median));
                report.append(String.format(
                        Locale.ROOT,
                        "| %d | %d | %,.0f | %d | %.2f | %.2f | %.2f |%n",
                        processes,
                        unit,
                        median.eventsPerSecond(),
                        median.failures(),
                        median.p50(),
                        median.p99(),
                        median.max()));
            }
        }
        json.put("processes", rows);
        report.append("\n");
    }

    private Result runProcesses(int processes, int unit) throws Exception {
        Path file = work.resolve("proc-" + System.nanoTime() + ".db");
        try (Database db = Database.open(file)) {
            new Migrator().migrate(db);
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<Process> children = new ArrayList<>();
        for (int p = 0; p < processes; p++) {
            children.add(new ProcessBuilder(
                            java,
                            "-cp",
                            System.getProperty("java.class.path"),
                            BenchWriter.class.getName(),
                            file.toString(),
                            "p" + p,
                            Integer.toString(unit),
                            Double.toString(seconds))
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start());
        }
        double events = 0;
        long failures = 0;
        double p50 = 0;
        double p99 = 0;
        double max = 0;
        for (Process child : children) {
            String line;
            try (BufferedReader out =
                    new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                line = out.readLine();
            }
            child.waitFor();
            String[] parts = line == null ? new String[] {"0", "1", "0", "0", "0"} : line.split(" ");
            events += Double.parseDouble(parts[0]) / seconds;
            failures += Long.parseLong(parts[1]);
            p50 = Math.max(p50, Double.parseDouble(parts[2]));
            p99 = Math.max(p99, Double.parseDouble(parts[3]));
            max = Math.max(max, Double.parseDouble(parts[4]));
        }
        return new Result(events, failures, p50, p99, max);
    }

    // ---- readers and admin on a large database ------------------------------------------------

    private void readers() throws Exception {
        Path file = work.resolve("big.db");
        long started = System.nanoTime();
        try (Database db = Database.open(file)) {
            Demo.fill(db, bigRuns, 10_000);
        }
        double buildSeconds = (System.nanoTime() - started) / 1e9;
        try (Database db = Database.open(file)) {
            long events = TableCounts.of(db).get("events");
            Map<String, Stats> perQuery = new LinkedHashMap<>();
            AtomicBoolean stop = new AtomicBoolean();
            Events repository = new Events(db);
            long runId = new Runs(db)
                    .create(new NewRun("live-writer", "bench", Map.of(), Instant.now()))
                    .id();
            List<Thread> writers = new ArrayList<>();
            for (int w = 0; w < 4; w++) {
                int offset = w;
                Thread writer = new Thread(() -> {
                    long seq = offset * 1_000_000_000L;
                    while (!stop.get()) {
                        List<NewEvent> batch = new ArrayList<>();
                        for (int i = 0; i < 10; i++) {
                            batch.add(new NewEvent(++seq, Instant.now(), Level.WARNING, "bench", "live", null));
                        }
                        repository.append(runId, batch);
                    }
                });
                writer.start();
                writers.add(writer);
            }
            long until = System.nanoTime() + (long) (seconds * repeats * 1e9);
            while (System.nanoTime() < until) {
                for (ListingQueries.Query query : ListingQueries.all()) {
                    long t0 = System.nanoTime();
                    db.read(h -> {
                        var q = h.createQuery(query.sql());
                        query.sampleParameters().forEach(q::bind);
                        return q.mapToMap().list().size();
                    });
                    perQuery.computeIfAbsent(query.name(), k -> new Stats()).add(System.nanoTime() - t0);
                }
            }
            stop.set(true);
            for (Thread writer : writers) {
                writer.join();
            }
            report.append("## Readers on ")
                    .append(String.format(Locale.ROOT, "%,d", events))
                    .append(" events while 4 writer threads append\n\n")
                    .append("Database built with `runstore demo` in ")
                    .append(String.format(Locale.ROOT, "%.1f", buildSeconds))
                    .append(" s. Each console listing query, run in a loop next to the writers:\n\n")
                    .append("| listing query | runs | p50 ms | p99 ms | max ms |\n|---|---|---|---|---|\n");
            List<Map<String, Object>> rows = new ArrayList<>();
            double worstP99 = 0;
            for (var entry : perQuery.entrySet()) {
                Stats stats = entry.getValue();
                worstP99 = Math.max(worstP99, stats.percentileMillis(99));
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
            json.put("readers", rows);
            json.put("reader_worst_p99_ms", worstP99);
            report.append(
                    String.format(Locale.ROOT, "%nWorst reader p99: **%.2f ms** (target <= 5 ms).%n%n", worstP99));
            admin(db);
        }
    }

    private void admin(Database db) {
        Map<String, Double> medians = new LinkedHashMap<>();
        medians.put("counts", timeMedian(() -> TableCounts.of(db)));
        medians.put("recent runs (20)", timeMedian(() -> Listings.recentRuns(db, Optional.empty(), 20)));
        medians.put(
                "recent events (50)", timeMedian(() -> Listings.recentEvents(db, Optional.empty(), Level.DEBUG, 50)));
        json.put("admin_ms", medians);
        report.append("Admin operations on that database (median of 5, ms): ");
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

    // ---- canonical JSON ------------------------------------------------------------------------

    private void canonicalJson() throws Exception {
        List<Map<String, Object>> documents = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("run", "nightly-" + i);
            doc.put("step", i);
            doc.put("ratio", i / 7.0);
            doc.put("tags", List.of("alpha", "béta", "γ"));
            doc.put("nested", Map.of("z", i, "a", List.of(1.5, 2.25, 1e16), "text", "x".repeat(200)));
            documents.add(doc);
        }
        ObjectMapper jackson = new ObjectMapper();
        double[] canonical = new double[repeats];
        double[] plain = new double[repeats];
        for (int r = 0; r < repeats; r++) {
            canonical[r] = throughput(documents, CanonicalJson::toBytes);
            plain[r] = throughput(documents, doc -> {
                try {
                    return jackson.writeValueAsBytes(doc);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
        }
        double c = Stats.median(canonical);
        double p = Stats.median(plain);
        json.put("canonical_json_mb_per_s", c);
        json.put("jackson_mb_per_s", p);
        report.append("## Canonical JSON\n\n")
                .append(String.format(
                        Locale.ROOT,
                        "CanonicalJson %.1f MB/s vs plain Jackson `writeValueAsBytes` %.1f MB/s on the same 2,000"
                                + " documents: **%.0f%%** (target >= 50%%).%n",
                        c,
                        p,
                        100 * c / p));
    }

    private double throughput(List<Map<String, Object>> documents, java.util.function.Function<Object, byte[]> writer) {
        for (Map<String, Object> doc : documents) {
            writer.apply(doc); // warm up
        }
        long bytes = 0;
        long started = System.nanoTime();
        long until = started + (long) (seconds * 1e9);
        while (System.nanoTime() < until) {
            for (Map<String, Object> doc : documents) {
                bytes += writer.apply(doc).length;
            }
        }
        return bytes / 1e6 / ((System.nanoTime() - started) / 1e9);
    }
}
