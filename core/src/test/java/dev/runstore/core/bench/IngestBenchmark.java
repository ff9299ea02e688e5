package dev.runstore.core.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runstore.core.db.Database;
import dev.runstore.core.db.DatabaseConfig;
import dev.runstore.core.json.CanonicalJson;
import dev.runstore.core.migrate.Migrator;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

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
    private final Map<String, Measured> measured = new LinkedHashMap<>();
    private WriterProcesses writerProcesses; // null until measured
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
                "10000000",
                "--quick",
                "false"));
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i], args[i + 1]);
        }
        // -Dbench.quick (an empty value) or -Dbench.quick=true: every section, briefly, to check
        // that the benchmark works; its figures are not the ones docs/performance.md reports.
        String quickValue = options.get("--quick").strip();
        boolean quick = quickValue.isEmpty() || quickValue.equals("true");
        if (quick) {
            options.put("--seconds", "0.5");
            options.put("--repeats", "1");
            options.put("--browse-events", "1000000");
        }
        String only = options.get("--only");
        if (!List.of("all", "threads", "processes", "postgres", "browse", "charts", "growth")
                .contains(only)) {
            throw new IllegalArgumentException(
                    "--only must be all, threads, processes, postgres, browse, charts or growth (was " + only + ")");
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
        bench.targets();
        Path out = Path.of(options.get("--out"));
        Path jsonOut = Path.of(options.get("--json"));
        if (!only.equals("all") || quick) {
            // A partial or quick run must not replace docs/performance.md: it writes beside the
            // JSON, and a partial section is copied into the doc by hand.
            String suffix = quick ? "quick" + (only.equals("all") ? "" : "-" + only) : only;
            jsonOut = jsonOut.resolveSibling("performance-" + suffix + ".json");
            out = jsonOut.resolveSibling("performance-" + suffix + ".md");
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
        if (only.equals("threads")) {
            threads();
            return;
        }
        if (only.equals("growth")) {
            growth();
            return;
        }
        threads();
        processes();
        engines();
        browse();
        charts();
        growth();
        canonicalJson();
    }

    private void growth() throws Exception {
        Path file = browseCache.resolve("browse-" + browseEvents).resolve("events.db");
        json.put("growth", new GrowthBenchmark(work, file, seconds, repeats, report, measured).run());
    }

    private void threads() throws Exception {
        json.putAll(new WriterThreads(work, seconds, repeats, report, measured).run());
    }

    private void processes() throws Exception {
        writerProcesses = new WriterProcesses(work, seconds, repeats, report, measured);
        json.put("processes", writerProcesses.run());
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

    // ---- the targets of issue 18 ------------------------------------------------------------

    private static final String TARGETS = "<!-- targets -->";

    /** Fills the targets table (after the header) from what this run measured; skips the rest. */
    private void targets() {
        StringBuilder table = new StringBuilder("## Targets\n\nEach figure from this run; a figure whose"
                + " configurations a partial run did not measure is left out.\n\n"
                + "| figure | measured | target | met |\n|---|---|---|---|\n");
        List<Map<String, Object>> rows = new ArrayList<>();
        String r = WriterThreads.RUNSTORE;
        ratio(table, rows, "4 processes x 50 vs one process x 50", key(r, 1, 4, 50), key(r, 1, 1, 50), 0.50, true);
        ratio(table, rows, "4 processes x 1 vs one process x 1", key(r, 1, 4, 1), key(r, 1, 1, 1), 0.35, true);
        if (writerProcesses != null) {
            double share = Math.min(
                    writerProcesses.slowestShare(key(r, 1, 4, 1)), writerProcesses.slowestShare(key(r, 1, 4, 50)));
            target(
                    table,
                    rows,
                    "slowest process's share of the mean, 4 processes (worse of x 1, x 50)",
                    share,
                    String.format(Locale.ROOT, "%.2f", share),
                    ">= 0.5",
                    share >= 0.5);
            double p99 = measured.get(key(r, 1, 4, 1)).p99();
            target(
                    table,
                    rows,
                    "commit p99, 4 processes x 1",
                    p99,
                    String.format(Locale.ROOT, "%.1f ms", p99),
                    "<= 10 ms",
                    p99 <= 10);
        }
        ratio(
                table,
                rows,
                "8 threads x 1 vs one thread, the same transactions",
                key(r, 8, 0, 1),
                key(WriterThreads.SAME_TRANSACTIONS, 8, 0, 1),
                0.90,
                true);
        Measured pooled = measured.get(key(WriterThreads.POOLED, 8, 0, 1));
        Measured runstore = measured.get(key(r, 8, 0, 1));
        if (pooled != null && runstore != null) {
            double times = runstore.eventsPerSecond() / pooled.eventsPerSecond();
            target(
                    table,
                    rows,
                    "8 threads x 1 vs pooled sqlite-jdbc, WAL",
                    times,
                    String.format(Locale.ROOT, "%.2fx, %d failed transactions", times, runstore.failures()),
                    ">= 3x with 0 failed transactions",
                    times >= 3 && runstore.failures() == 0);
        }
        ratio(
                table,
                rows,
                "4 processes x 1 vs pooled sqlite-jdbc, WAL (processes)",
                key(r, 1, 4, 1),
                key(WriterThreads.POOLED, 1, 4, 1),
                1.5,
                false);
        ratio(
                table,
                rows,
                "8 threads x 1, runstore FULL vs one commit per unit FULL",
                key(WriterThreads.RUNSTORE_FULL, 8, 0, 1),
                key(WriterThreads.COMMIT_PER_UNIT_FULL, 8, 0, 1),
                5,
                false);
        Measured empty = null;
        Measured largest = null;
        long largestSize = -1;
        for (var entry : measured.entrySet()) {
            if (entry.getKey().startsWith("growth/")) {
                long size = Long.parseLong(entry.getKey().substring("growth/".length()));
                if (size == 0) {
                    empty = entry.getValue();
                } else if (size > largestSize) {
                    largestSize = size;
                    largest = entry.getValue();
                }
            }
        }
        if (empty != null && largest != null) {
            double share = largest.eventsPerSecond() / empty.eventsPerSecond();
            target(
                    table,
                    rows,
                    String.format(Locale.ROOT, "ingest rate at %,d events vs empty", largestSize),
                    share,
                    String.format(Locale.ROOT, "%.0f%%", 100 * share),
                    ">= 70%",
                    share >= 0.70);
        }
        json.put("targets", rows);
        int at = report.indexOf(TARGETS);
        report.replace(at, at + TARGETS.length(), table.toString());
    }

    private static String key(String path, int threads, int processes, int unit) {
        return WriterThreads.key(path, threads, processes, unit);
    }

    /** A target on {@code of / against}: a share when {@code percent}, else a multiple. */
    private void ratio(
            StringBuilder table,
            List<Map<String, Object>> rows,
            String figure,
            String of,
            String against,
            double target,
            boolean percent) {
        Measured a = measured.get(of);
        Measured b = measured.get(against);
        if (a == null || b == null) {
            return;
        }
        double value = a.eventsPerSecond() / b.eventsPerSecond();
        target(
                table,
                rows,
                figure,
                value,
                percent
                        ? String.format(Locale.ROOT, "%.0f%%", 100 * value)
                        : String.format(Locale.ROOT, "%.2fx", value),
                percent
                        ? String.format(Locale.ROOT, ">= %.0f%%", 100 * target)
                        : String.format(Locale.ROOT, ">= %.1fx", target),
                value >= target);
    }

    private static void target(
            StringBuilder table,
            List<Map<String, Object>> rows,
            String figure,
            double value,
            String shown,
            String target,
            boolean met) {
        table.append("| ")
                .append(figure)
                .append(" | ")
                .append(shown)
                .append(" | ")
                .append(target)
                .append(" | ")
                .append(met ? "met" : "**not met**")
                .append(" |\n");
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("figure", figure);
        row.put("value", value);
        row.put("target", target);
        row.put("met", met);
        rows.add(row);
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
                .append(".\n\n")
                .append(TARGETS)
                .append("\n\n");
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
