package dev.runstore.core.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runstore.core.admin.Demo;
import dev.runstore.core.admin.Listings;
import dev.runstore.core.catalog.TableCounts;
import dev.runstore.core.db.Database;
import dev.runstore.core.db.DatabaseConfig;
import dev.runstore.core.json.CanonicalJson;
import dev.runstore.core.migrate.Migrator;
import dev.runstore.core.store.Events;
import dev.runstore.core.store.Level;
import dev.runstore.core.store.ListingQueries;
import dev.runstore.core.store.NewEvent;
import dev.runstore.core.store.NewRun;
import dev.runstore.core.store.Runs;
import dev.runstore.core.time.UtcTime;
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
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.sqlite.SQLiteConfig;

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
    private Path browseCache;
    private long browseEvents;

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
                "100",
                "--only",
                "all",
                "--browse-events",
                "10000000"));
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i], args[i + 1]);
        }
        String only = options.get("--only");
        if (!List.of("all", "postgres", "browse", "charts", "processes").contains(only)) {
            throw new IllegalArgumentException(
                    "--only must be all, postgres, browse, charts or processes (was " + only + ")");
        }
        Path work = Files.createTempDirectory("runstore-bench");
        IngestBenchmark bench = new IngestBenchmark(
                work,
                Double.parseDouble(options.get("--seconds")),
                Integer.parseInt(options.get("--repeats")),
                Integer.parseInt(options.get("--big-runs")));
        // The browsing database is kept beside the JSON (target/bench), keyed by its size.
        bench.browseCache = Path.of(options.get("--json")).toAbsolutePath().getParent();
        bench.browseEvents = Long.parseLong(options.get("--browse-events").replace("_", ""));
        bench.run(only);
        Path out = Path.of(options.get("--out"));
        Path jsonOut = Path.of(options.get("--json"));
        if (!only.equals("all")) {
            // A partial run must not replace the whole of docs/performance.md with one section: it
            // writes beside the JSON, and the section is copied into the doc by hand.
            jsonOut = jsonOut.resolveSibling("performance-" + only + ".json");
            out = jsonOut.resolveSibling("performance-" + only + ".md");
        }
        Files.createDirectories(jsonOut.toAbsolutePath().getParent());
        Files.writeString(out, bench.report, StandardCharsets.UTF_8);
        Files.writeString(jsonOut, CanonicalJson.toJson(bench.json) + "\n", StandardCharsets.UTF_8);
        System.out.println("wrote " + out.toAbsolutePath() + " and " + jsonOut.toAbsolutePath());
    }

    private void run(String only) throws Exception {
        header(only.equals("all") ? "" : " -Dbench.only=" + only);
        if (only.equals("postgres")) {
            engines();
            return;
        }
        if (only.equals("browse")) {
            browse();
            return;
        }
        if (only.equals("charts")) {
            charts();
            return;
        }
        if (only.equals("processes")) {
            processes();
            return;
        }
        double limit = limit();
        writers(limit);
        processes();
        engines();
        readers();
        browse();
        charts();
        canonicalJson();
    }

    private void browse() throws Exception {
        Files.createDirectories(browseCache);
        json.put("browse", new BrowseBenchmark(browseCache, browseEvents, repeats, report).run());
    }

    /** The console's charts on the browsing database that {@link #browse} builds (or reuses). */
    private void charts() throws Exception {
        Path file = browseCache.resolve("browse-" + browseEvents).resolve("events.db");
        json.put("charts", new ChartsBenchmark(file, report).run());
    }

    // ---- the machine --------------------------------------------------------------------------

    private void header(String commandSuffix) throws Exception {
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
                .append("Measured by `mvn -B -q -pl core test-compile exec:exec@bench")
                .append(commandSuffix)
                .append("` (the class is\n")
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

    /**
     * The limit: one thread, one transaction, batched inserts of the rows the 4 x 50 writers make
     * (4 runs, 50 events each in turn) into runstore's own events table — same schema, indexes,
     * CHECKs and foreign key, same INSERT with every column bound. A minimal two-index table, as
     * in the first measurement, is reported beside it for context.
     */
    private double limit() throws Exception {
        double[] rates = new double[repeats];
        double[] minimal = new double[repeats];
        for (int r = 0; r < repeats; r++) {
            rates[r] = oneTransaction(work.resolve("limit-" + r + ".db"), true);
            minimal[r] = oneTransaction(work.resolve("minimal-" + r + ".db"), false);
        }
        double limit = Stats.median(rates);
        json.put("limit_rows_per_s", Math.round(limit));
        json.put("minimal_table_rows_per_s", Math.round(Stats.median(minimal)));
        report.append("## The limit\n\n")
                .append("One thread, one transaction, batched inserts (WAL, synchronous=NORMAL) of the rows the")
                .append(" 4 x 50 writers make (4 runs, 50 events each in turn) into runstore's events table, with")
                .append(" its schema, indexes, CHECKs and foreign key and the same INSERT, every column bound, the")
                .append(" WAL not checkpointed within the measurement: **")
                .append(String.format(Locale.ROOT, "%,.0f", limit))
                .append(" rows/s**. This is what the write paths below are compared against. For context, the same")
                .append(" into a minimal events table with 2 indexes: ")
                .append(String.format(Locale.ROOT, "%,.0f", Stats.median(minimal)))
                .append(" rows/s.\n\n");
        return limit;
    }

    private double oneTransaction(Path file, boolean runstoreSchema) throws SQLException {
        try (Connection c = walConnection(file);
                Statement s = c.createStatement()) {
            // The limit is inserting and committing; copying the WAL into the file afterwards is not.
            s.execute("PRAGMA wal_autocheckpoint = 0");
            if (runstoreSchema) {
                runstoreSchema(c, 4);
            } else {
                s.execute("CREATE TABLE events (id INTEGER PRIMARY KEY, run_id INTEGER NOT NULL, seq INTEGER NOT NULL,"
                        + " ts TEXT NOT NULL, level TEXT NOT NULL, kind TEXT NOT NULL, message TEXT NOT NULL,"
                        + " message_length INTEGER NOT NULL, payload TEXT, payload_uri TEXT, payload_sha256 TEXT)");
                s.execute("CREATE UNIQUE INDEX events_run_seq_idx ON events (run_id, seq)");
                s.execute("CREATE INDEX events_ts_idx ON events (ts, seq)");
            }
            c.setAutoCommit(false);
            int rows = 200_000;
            long[] seq = new long[4];
            long started = System.nanoTime();
            try (PreparedStatement insert = c.prepareStatement(runstoreSchema ? INSERT : MINIMAL_INSERT)) {
                for (int i = 0; i < rows; i += 50) {
                    int run = (i / 50) % 4;
                    for (int e = 0; e < 50; e++) {
                        bindEvent(insert, run + 1, ++seq[run]);
                        insert.addBatch();
                    }
                    insert.executeBatch();
                }
            }
            c.commit();
            return rows / ((System.nanoTime() - started) / 1e9);
        }
    }

    /**
     * A plain sqlite-jdbc connection with runstore's PRAGMAs (WAL, synchronous=NORMAL, foreign
     * keys) and none of its machinery: the baseline paths compare against SQLite, not the driver.
     */
    private static Connection walConnection(Path file) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        config.enforceForeignKeys(true);
        return config.createConnection("jdbc:sqlite:" + file);
    }

    /** runstore's INSERT for events (Events.append binds the same columns). */
    private static final String INSERT = "INSERT INTO events (run_id, seq, ts, level, kind, message, message_length,"
            + " payload, payload_uri, payload_sha256) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
            + " ON CONFLICT (run_id, seq) DO NOTHING";

    private static final String MINIMAL_INSERT = "INSERT INTO events (run_id, seq, ts, level, kind, message,"
            + " message_length, payload, payload_uri, payload_sha256) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    /**
     * Creates runstore's schema from its snapshot (db/schema.sql, which SchemaSnapshotTest keeps
     * equal to the migrations) through a plain connection, so the file keeps the driver's journal
     * mode, and adds runs 1..{@code runs}.
     */
    private static void runstoreSchema(Connection c, int runs) throws SQLException {
        String snapshot;
        try (var in = IngestBenchmark.class.getResourceAsStream("/db/schema.sql")) {
            snapshot = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("db/schema.sql is missing from the classpath", e);
        }
        List<String> statements = new ArrayList<>();
        for (String statement : snapshot.replaceAll("(?m)^--.*$", "").split(";")) {
            if (!statement.isBlank()) {
                statements.add(statement.strip());
            }
        }
        // Tables before the indexes on them (the snapshot is sorted by type).
        statements.sort(java.util.Comparator.comparing(statement -> !statement.startsWith("CREATE TABLE")));
        try (Statement s = c.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
            for (int run = 1; run <= runs; run++) {
                s.execute("INSERT INTO runs (id, name, source, status, started_at, params, params_sha256)"
                        + " VALUES (" + run + ", 'plain-" + run + "', 'bench', 'running', '2026-11-27 09:00:00.000000',"
                        + " '{}', '" + CanonicalJson.sha256Hex(Map.of()) + "')");
            }
        }
    }

    /** The columns Events.append binds for the benchmark's events, with the time as it does. */
    private static void bindEvent(PreparedStatement insert, long run, long seq) throws SQLException {
        insert.setLong(1, run);
        insert.setLong(2, seq);
        insert.setString(3, UtcTime.toSqlText(Instant.now()));
        insert.setString(4, "info");
        insert.setString(5, "bench");
        insert.setString(6, "event");
        insert.setInt(7, 5);
        insert.setNull(8, Types.VARCHAR);
        insert.setNull(9, Types.VARCHAR);
        insert.setNull(10, Types.VARCHAR);
    }

    // ---- writer threads -----------------------------------------------------------------------

    private static final String SAME_TRANSACTIONS = "one thread, the same transactions";

    private static final String[] PATHS = {"runstore", "sqlite-jdbc defaults", SAME_TRANSACTIONS};

    private record Result(double eventsPerSecond, long failures, double p50, double p99, double max) {}

    private void writers(double limit) throws Exception {
        report.append("## Writer threads in one process\n\n")
                .append("| path | threads | events per transaction | events/s | vs limit | failed transactions |")
                .append(" commit p50 ms | p99 ms | max ms |\n|---|---|---|---|---|---|---|---|---|\n");
        List<Map<String, Object>> rows = new ArrayList<>();
        Map<String, Double> rates = new LinkedHashMap<>();
        for (int unit : new int[] {1, 50}) {
            for (int threads : new int[] {1, 4, 8}) {
                for (String path : PATHS) {
                    List<Result> results = new ArrayList<>();
                    for (int r = 0; r < repeats; r++) {
                        results.add(
                                switch (path) {
                                    case "runstore" -> runstoreThreads(threads, unit);
                                    case "sqlite-jdbc defaults" -> plainThreads(threads, unit);
                                    case SAME_TRANSACTIONS -> sameTransactions(threads, unit);
                                    default -> throw new IllegalStateException(path);
                                });
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
        double ceiling = rates.get(SAME_TRANSACTIONS + "/4/50");
        double ofCeiling = rates.get("runstore/4/50") / ceiling;
        json.put("same_transactions_share_of_limit_4_50", ceiling / limit);
        json.put("runstore_share_of_same_transactions_4_50", ofCeiling);
        report.append(String.format(
                Locale.ROOT,
                "%nTargets: 8 threads x 1-event units reach **%.0fx** plain sqlite-jdbc defaults (target >= 30x);"
                        + " 4 threads x 50-event units reach **%.0f%%** of the limit (target >= 80%%).%n%n",
                speedup,
                100 * share));
        report.append(String.format(
                Locale.ROOT,
                "\"%s\" commits exactly the transactions a perfect group commit would form (one unit from every"
                        + " writer) from one thread with plain JDBC: no savepoints, no hand-offs between threads, and"
                        + " SQLite's default checkpointing inside the commit. For 4 x 50 it reaches %.0f%% of the"
                        + " limit and runstore %.0f%% of it.%n%n",
                SAME_TRANSACTIONS,
                100 * ceiling / limit,
                100 * ofCeiling));
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

    /** Plain sqlite-jdbc with driver defaults: a connection per thread, a commit per unit. */
    private Result plainThreads(int threads, int unit) throws Exception {
        Path file = work.resolve("plain-" + System.nanoTime() + ".db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            runstoreSchema(c, threads);
        }
        return timed(threads, (t, stats, count, failures, stop) -> {
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file)) {
                c.setAutoCommit(false);
                long seq = 0;
                try (PreparedStatement insert = c.prepareStatement(INSERT)) {
                    while (!stop.get()) {
                        long started = System.nanoTime();
                        try {
                            for (int i = 0; i < unit; i++) {
                                bindEvent(insert, t + 1, ++seq);
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

    /**
     * The transactions a perfect group commit would form — one unit from each of {@code threads}
     * runs — committed from one thread with plain JDBC (WAL, SQLite's default checkpointing),
     * statements prepared once, no savepoints.
     */
    private Result sameTransactions(int threads, int unit) throws Exception {
        Path file = work.resolve("same-" + System.nanoTime() + ".db");
        try (Connection c = walConnection(file)) {
            runstoreSchema(c, threads);
        }
        return timed(1, (ignored, stats, count, failures, stop) -> {
            try (Connection c = walConnection(file);
                    PreparedStatement begin = c.prepareStatement("BEGIN IMMEDIATE");
                    PreparedStatement commit = c.prepareStatement("COMMIT");
                    PreparedStatement insert = c.prepareStatement(INSERT)) {
                long[] seq = new long[threads];
                while (!stop.get()) {
                    long started = System.nanoTime();
                    begin.execute();
                    for (int t = 0; t < threads; t++) {
                        for (int i = 0; i < unit; i++) {
                            bindEvent(insert, t + 1, ++seq[t]);
                            insert.addBatch();
                        }
                        insert.executeBatch();
                    }
                    commit.execute();
                    count.addAndGet((long) threads * unit);
                    stats.add(System.nanoTime() - started);
                }
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
                .append(" s (JVM start-up excluded). Writers of several processes queue on an OS lock of")
                .append(" `<db>.write-lock` before `BEGIN IMMEDIATE`, so the write lock passes from one to the")
                .append(" next without the busy handler's sleeps. \"vs one process\" is the events/s of all")
                .append(" processes against one process alone with the same transactions, in this run;")
                .append(" \"slowest / mean\" is the slowest process's events/s against the mean of all.\n\n")
                .append("| processes | events per transaction | events/s | vs one process | slowest / mean |")
                .append(" failed transactions | commit p50 ms | p99 ms | max ms |\n")
                .append("|---|---|---|---|---|---|---|---|---|\n");
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int unit : new int[] {1, 50}) {
            double alone = 0;
            for (int processes : new int[] {1, 2, 4}) {
                List<Result> results = new ArrayList<>();
                double[] shares = new double[repeats];
                for (int r = 0; r < repeats; r++) {
                    double[] share = new double[1];
                    results.add(runProcesses(processes, unit, share));
                    shares[r] = share[0];
                }
                Result median = median(results);
                if (processes == 1) {
                    alone = median.eventsPerSecond();
                }
                Map<String, Object> row = row("runstore", 0, processes, unit, median);
                row.put("slowest_share", Stats.median(shares));
                rows.add(row);
                report.append(String.format(
                        Locale.ROOT,
                        "| %d | %d | %,.0f | %.0f%% | %.2f | %d | %.2f | %.2f | %.2f |%n",
                        processes,
                        unit,
                        median.eventsPerSecond(),
                        100 * median.eventsPerSecond() / alone,
                        Stats.median(shares),
                        median.failures(),
                        median.p50(),
                        median.p99(),
                        median.max()));
            }
        }
        json.put("processes", rows);
        report.append("\n");
    }

    /** {@code slowestShare[0]} is set to the slowest process's events/s over the mean of all. */
    private Result runProcesses(int processes, int unit, double[] slowestShare) throws Exception {
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
        double slowest = Double.MAX_VALUE;
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
            double own = Double.parseDouble(parts[0]) / seconds;
            events += own;
            slowest = Math.min(slowest, own);
            failures += Long.parseLong(parts[1]);
            p50 = Math.max(p50, Double.parseDouble(parts[2]));
            p99 = Math.max(p99, Double.parseDouble(parts[3]));
            max = Math.max(max, Double.parseDouble(parts[4]));
        }
        slowestShare[0] = events == 0 ? 0 : slowest / (events / processes);
        return new Result(events, failures, p50, p99, max);
    }

    // ---- PostgreSQL beside SQLite ---------------------------------------------------------------

    /** The server for the engine comparison; the tests' server when no benchmark server is named. */
    static final List<String> PG_URL_VARIABLES = List.of("RUNSTORE_BENCH_PG_URL", "RUNSTORE_TEST_PG_URL");

    private static final int ENGINE_PROCESSES = 8;
    private static final int[] ENGINE_BATCHES = {1, 10, 100, 500};

    private record EngineResult(double eventsPerSecond, int failedProcesses) {}

    /**
     * {@value #ENGINE_PROCESSES} ingest processes ({@link BenchIngest}) at each batch size into one
     * SQLite file and into one PostgreSQL schema, the two engines measured in turn within each
     * repeat, so that both see the same load on this machine.
     */
    private void engines() throws Exception {
        report.append("## PostgreSQL beside SQLite: ingest processes\n\n");
        String url = PG_URL_VARIABLES.stream()
                .map(System::getenv)
                .filter(value -> value != null && !value.isBlank())
                .findFirst()
                .orElse(null);
        if (url == null) {
            report.append("Not measured: neither ")
                    .append(String.join(" nor ", PG_URL_VARIABLES))
                    .append(" names a PostgreSQL server (a JDBC URL such as")
                    .append(" `jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres`).\n\n");
            json.put("engines", "not measured: no PostgreSQL URL in " + String.join(" or ", PG_URL_VARIABLES));
            return;
        }
        String loadBefore = loadAverage();
        List<Map<String, Object>> rows = new ArrayList<>();
        StringBuilder table = new StringBuilder("| processes | events per transaction | SQLite events/s |"
                + " PostgreSQL events/s | PostgreSQL / SQLite | failed processes (SQLite, PostgreSQL) |\n"
                + "|---|---|---|---|---|---|\n");
        for (int batch : ENGINE_BATCHES) {
            double[] sqlite = new double[repeats];
            double[] postgres = new double[repeats];
            int sqliteFailed = 0;
            int postgresFailed = 0;
            for (int r = 0; r < repeats; r++) {
                EngineResult onFile = ingestProcesses(
                        work.resolve("engines-" + System.nanoTime() + ".db").toString(), batch);
                sqlite[r] = onFile.eventsPerSecond();
                sqliteFailed = Math.max(sqliteFailed, onFile.failedProcesses());
                String schema = "bench_" + Long.toHexString(System.nanoTime());
                try {
                    EngineResult onServer = ingestProcesses(inNewSchema(url, schema), batch);
                    postgres[r] = onServer.eventsPerSecond();
                    postgresFailed = Math.max(postgresFailed, onServer.failedProcesses());
                } finally {
                    sql(url, "DROP SCHEMA IF EXISTS " + schema + " CASCADE");
                }
            }
            double s = Stats.median(sqlite);
            double p = Stats.median(postgres);
            table.append(String.format(
                    Locale.ROOT,
                    "| %d | %d | %,.0f | %,.0f | %.2f | %d, %d |%n",
                    ENGINE_PROCESSES,
                    batch,
                    s,
                    p,
                    p / s,
                    sqliteFailed,
                    postgresFailed));
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("processes", ENGINE_PROCESSES);
            row.put("events_per_transaction", batch);
            row.put("sqlite_events_per_s", Math.round(s));
            row.put("postgres_events_per_s", Math.round(p));
            row.put("postgres_to_sqlite", p / s);
            row.put("sqlite_failed_processes", sqliteFailed);
            row.put("postgres_failed_processes", postgresFailed);
            rows.add(row);
        }
        String loadAfter = loadAverage();
        Map<String, Object> engines = new LinkedHashMap<>();
        engines.put("postgres", serverSettings(url));
        engines.put("load_average_before", loadBefore);
        engines.put("load_average_after", loadAfter);
        engines.put("rows", rows);
        json.put("engines", engines);
        report.append(ENGINE_PROCESSES)
                .append(" processes, each a separate JVM running `Ingest.run` (the code behind `runstore ingest`)")
                .append(" on generated JSON Lines for ")
                .append(seconds)
                .append(" s, each its own run, all into one database: a fresh SQLite file (WAL,")
                .append(" synchronous=NORMAL), or a fresh schema on PostgreSQL ")
                .append(serverSettings(url))
                .append(". Every process opens the database and ingests a warm-up run (3,000 events or 2 s, not")
                .append(" counted) first, and starts writing only when all are ready, so JVM start-up and")
                .append(" warm-up are not measured; events/s is the events stored in the measured runs divided")
                .append(" by the longest process's writing time. The engines alternate within each of the ")
                .append(repeats)
                .append(" repeats, so both meet the same machine load (load average ")
                .append(loadBefore)
                .append(" before, ")
                .append(loadAfter)
                .append(" after this section, on ")
                .append(Runtime.getRuntime().availableProcessors())
                .append(" cores; the server runs on this machine too).\n\n")
                .append(table)
                .append("\n");
    }

    /**
     * Starts {@value #ENGINE_PROCESSES} ingest processes on a freshly migrated database, waits until
     * each has it open, lets them all go at once, and counts what was stored.
     */
    private EngineResult ingestProcesses(String location, int batch) throws Exception {
        try (Database db = Database.open(DatabaseConfig.forLocation(location).build())) {
            new Migrator().migrate(db);
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<Process> children = new ArrayList<>();
        List<BufferedReader> outputs = new ArrayList<>();
        for (int p = 0; p < ENGINE_PROCESSES; p++) {
            Process child = new ProcessBuilder(
                            java,
                            "-cp",
                            System.getProperty("java.class.path"),
                            BenchIngest.class.getName(),
                            location,
                            "p" + p,
                            Integer.toString(batch),
                            Double.toString(seconds))
                    .redirectError(work.resolve("engines-" + System.nanoTime() + ".err")
                            .toFile())
                    .start();
            children.add(child);
            outputs.add(new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8)));
        }
        int failed = 0;
        List<Process> ready = new ArrayList<>();
        for (int p = 0; p < children.size(); p++) {
            if (protocolLine(outputs.get(p), BenchIngest.READY) != null) {
                ready.add(children.get(p));
            } else {
                failed++;
            }
        }
        for (Process child : children) {
            try (var go = child.getOutputStream()) {
                go.write('\n');
            } catch (java.io.IOException exited) {
                // It died before it was ready: counted above, and its exit is collected below.
            }
        }
        double window = 0;
        for (int p = 0; p < children.size(); p++) {
            String line = protocolLine(outputs.get(p), BenchIngest.RESULT);
            children.get(p).waitFor();
            if (line == null || children.get(p).exitValue() != 0) {
                failed += ready.contains(children.get(p)) ? 1 : 0;
                continue;
            }
            window = Math.max(window, Double.parseDouble(line.split(" ")[1]));
            outputs.get(p).close();
        }
        long stored;
        try (Database db = Database.open(DatabaseConfig.forLocation(location).build())) {
            stored = db.read(h -> h.select(
                            "SELECT count(*) FROM events e JOIN runs r ON r.id = e.run_id WHERE r.name NOT LIKE ?",
                            BenchIngest.WARM_UP_PREFIX + "%")
                    .mapTo(Long.class)
                    .one());
        }
        return new EngineResult(window > 0 ? stored / window : 0, failed);
    }

    /**
     * The rest of the child's next line that starts with {@code prefix}, or null at its end of
     * output. Other lines are passed on to stderr: the JVM prints its own warnings to stdout.
     */
    private static String protocolLine(BufferedReader child, String prefix) throws java.io.IOException {
        for (String line = child.readLine(); line != null; line = child.readLine()) {
            if (line.startsWith(prefix)) {
                return line.substring(prefix.length()).strip();
            }
            System.err.println("ingest process: " + line);
        }
        return null;
    }

    private static String inNewSchema(String url, String schema) throws SQLException {
        sql(url, "CREATE SCHEMA " + schema);
        return url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    private static void sql(String url, String statement) throws SQLException {
        try (Connection c = DriverManager.getConnection(url);
                Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }

    /** The server's version and the settings that decide what a commit costs. */
    private static String serverSettings(String url) throws SQLException {
        List<String> settings = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url);
                Statement s = c.createStatement()) {
            for (String name : List.of("server_version", "fsync", "synchronous_commit", "max_connections")) {
                try (var rs = s.executeQuery("SHOW " + name)) {
                    rs.next();
                    settings.add(name + "=" + rs.getString(1));
                }
            }
        }
        return String.join(", ", settings);
    }

    private static String loadAverage() throws java.io.IOException {
        String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
        return fields[0] + " " + fields[1] + " " + fields[2];
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
            // Warm-up first, not measured: the first second is the JIT compiling the read path.
            long warmUntil = System.nanoTime() + (long) (seconds * 1e9);
            while (System.nanoTime() < warmUntil) {
                ListingQueries.all().forEach(query -> runListing(db, query));
            }
            long until = System.nanoTime() + (long) (seconds * repeats * 1e9);
            while (System.nanoTime() < until) {
                for (ListingQueries.Query query : ListingQueries.all()) {
                    long t0 = System.nanoTime();
                    runListing(db, query);
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
                    .append(" s. Each console listing query, run in a loop next to the writers (after ")
                    .append(seconds)
                    .append(" s of warm-up, not counted):\n\n")
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

    private static int runListing(Database db, ListingQueries.Query query) {
        return db.read(h -> {
            var q = h.createQuery(query.sql());
            query.sampleParameters().forEach(q::bind);
            return q.mapToMap().list().size();
        });
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
        long warmUntil = System.nanoTime() + (long) (seconds * 1e9); // JIT warm-up, not measured
        while (System.nanoTime() < warmUntil) {
            documents.forEach(writer::apply);
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
