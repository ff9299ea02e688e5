package dev.runstore.core.bench;

import dev.runstore.core.admin.Demo;
import dev.runstore.core.admin.DemoResult;
import dev.runstore.core.catalog.Catalog;
import dev.runstore.core.catalog.Overview;
import dev.runstore.core.db.Database;
import dev.runstore.core.db.DatabaseConfig;
import dev.runstore.core.db.Identifiers;
import dev.runstore.core.error.CancelledException;
import dev.runstore.core.migrate.Migrator;
import dev.runstore.core.query.Cancellation;
import dev.runstore.core.query.Facet;
import dev.runstore.core.query.Facets;
import dev.runstore.core.query.Filter;
import dev.runstore.core.query.ReadOnlySql;
import dev.runstore.core.query.Row;
import dev.runstore.core.query.RowPage;
import dev.runstore.core.query.RowQuery;
import dev.runstore.core.query.Sort;
import dev.runstore.core.query.TableRows;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.sqlite.SQLiteConfig;

/**
 * Browsing a large database (issue 16): the console's landing overview, row-browser pages, sorts,
 * filters, facets, counts and Cancel, on a read-only {@link Database}, through core's own
 * operations only; an OFFSET walk and a plain count through plain JDBC beside them, measured in
 * the same run. The database is built once with {@link Demo#fill} and kept under target/bench,
 * keyed by its size, so a second run measures at once.
 */
final class BrowseBenchmark {
    private static final int PAGE = 200;
    private static final int EVENTS_PER_RUN = 10_000;
    private static final double OVERVIEW_TARGET_MS = 1_000;
    private static final double PAGE_TARGET_MS = 50;
    private static final double CANCEL_TARGET_MS = 200;
    private static final String ENDLESS =
            "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x+1 FROM c) SELECT count(*) FROM c";

    private final Path cacheFolder;
    private final long events;
    private final int repeats;
    private final StringBuilder report;
    private final Map<String, Object> json = new LinkedHashMap<>();
    private final List<Map<String, Object>> rows = new ArrayList<>();
    private final List<String> misses = new ArrayList<>();
    private final StringBuilder table = new StringBuilder();
    private final List<String> columns = new ArrayList<>();

    BrowseBenchmark(Path cacheFolder, long events, int repeats, StringBuilder report) {
        this.cacheFolder = cacheFolder;
        this.events = events;
        this.repeats = repeats;
        this.report = report;
    }

    /** Builds (or reuses) the database, measures, appends the section to the report; returns its JSON. */
    Map<String, Object> run() throws Exception {
        String loadBefore = loadAverage();
        Path file = database();
        try (Database db = Database.open(DatabaseConfig.builder(file).readOnly().build())) {
            columns.addAll(Catalog.structure(db, "events").columnNames());
            measure(db, file);
        }
        String loadAfter = loadAverage();
        json.put("load_average_before", loadBefore);
        json.put("load_average_after", loadAfter);
        json.put("rows", rows);
        report.append(String.format(
                        Locale.ROOT,
                        "Load average %s before, %s after this section, on %d cores. Each figure is measured on the"
                                + " database opened read-only (`DatabaseConfig.builder(path).readOnly()`), after"
                                + " warm-up runs that are not counted; the file is in the OS page cache (the"
                                + " machine has the memory for it), so these are CPU figures, not disk ones."
                                + " Ratios compare with the baseline in the same run.%n%n",
                        loadBefore,
                        loadAfter,
                        Runtime.getRuntime().availableProcessors()))
                .append(
                        "| operation | runs | p50 ms | p99 ms | target | baseline (plain JDBC) | baseline p50 ms | baseline / runstore |\n")
                .append("|---|---|---|---|---|---|---|---|\n")
                .append(table)
                .append('\n');
        return json;
    }

    // ---- the database -------------------------------------------------------------------------

    private Path database() throws Exception {
        Path folder = cacheFolder.resolve("browse-" + events);
        Path file = folder.resolve("events.db");
        report.append("## Browsing ")
                .append(String.format(Locale.ROOT, "%,d", events))
                .append(" events\n\n");
        if (Files.exists(file)) {
            Map<?, ?> built = readBuildNote(folder);
            report.append("Database reused from `")
                    .append(cacheFolder.getFileName().resolve(folder.getFileName()))
                    .append("` (built by an earlier run with `Demo.fill`, ")
                    .append(built.get("runs"))
                    .append(" runs x ")
                    .append(built.get("events_per_run"))
                    .append(" events, in ")
                    .append(built.get("seconds"))
                    .append(" s: ")
                    .append(built.get("events_per_s"))
                    .append(" events/s")
                    .append("). ");
            json.put("build", built);
            json.put("reused", true);
            note(file);
            return file;
        }
        // Built beside, then renamed: an interrupted build is never taken for a finished one.
        Path building = cacheFolder.resolve("browse-" + events + ".building");
        deleteTree(building);
        Files.createDirectories(building);
        int runs = (int) Math.max(1, (events + EVENTS_PER_RUN - 1) / EVENTS_PER_RUN);
        int perRun = (int) Math.min(events, EVENTS_PER_RUN);
        System.err.println("browse: building " + events + " events (" + runs + " x " + perRun + ") in " + building);
        long started = System.nanoTime();
        DemoResult result;
        try (Database db = Database.open(building.resolve("events.db"))) {
            result = Demo.fill(db, runs, perRun);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        Map<String, Object> built = new LinkedHashMap<>();
        built.put("runs", runs);
        built.put("events_per_run", perRun);
        built.put("events", result.events());
        built.put("seconds", String.format(Locale.ROOT, "%.1f", seconds));
        built.put("events_per_s", String.format(Locale.ROOT, "%,.0f", result.events() / seconds));
        built.put("date", Instant.now().toString());
        Files.writeString(building.resolve("build.json"), dev.runstore.core.json.CanonicalJson.toJson(built) + "\n");
        Files.move(building, folder);
        report.append("Database built by this run with `Demo.fill` (the code behind `runstore demo`), ")
                .append(runs)
                .append(" runs x ")
                .append(perRun)
                .append(" events, in ")
                .append(built.get("seconds"))
                .append(" s: **")
                .append(built.get("events_per_s"))
                .append(" events/s**; kept in `")
                .append(cacheFolder.getFileName().resolve(folder.getFileName()))
                .append("` for the next run. ");
        json.put("build", built);
        json.put("reused", false);
        note(file);
        return file;
    }

    private void note(Path file) throws java.io.IOException {
        long bytes = Files.size(file);
        json.put("file_bytes", bytes);
        report.append(String.format(Locale.ROOT, "File: %,.0f MB.%n%n", bytes / 1e6));
    }

    private static Map<?, ?> readBuildNote(Path folder) throws java.io.IOException {
        return new com.fasterxml.jackson.databind.ObjectMapper()
                .readValue(Files.readString(folder.resolve("build.json")), Map.class);
    }

    private static void deleteTree(Path folder) throws java.io.IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    // ---- the measurements ---------------------------------------------------------------------

    private void measure(Database db, Path file) throws Exception {
        int many = 200; // the cheap operations: enough runs that p99 is not simply the slowest one
        int few = Math.max(3, repeats + 2); // the ones that read the whole table

        Stats overview = time(2, few + 4, () -> Overview.of(db, new Migrator(), Instant.now()));
        row("overview (`Overview.of`)", overview, "<= 1000 ms", OVERVIEW_TARGET_MS, null, null);

        RowQuery all = RowQuery.of("events");
        long lastId = TableRows.last(db, all, 1).rows().get(0).values().get(0) instanceof Long id ? id : events;
        RowPage aboveMiddle = TableRows.first(db, all.where(new Filter("id", Filter.Op.GREATER, lastId / 2)), PAGE);
        Row middleBoundary = aboveMiddle.rows().get(aboveMiddle.rows().size() - 1);
        RowPage middle = TableRows.after(db, all, middleBoundary, PAGE);
        long middleFirstId = (Long) middle.rows().get(0).values().get(0);
        json.put("middle_first_id", middleFirstId);

        try (Connection plain = plainReadOnly(file)) {
            long middleOffset = offsetOf(plain, middleFirstId);
            long lastOffset = Math.max(0, countPlain(plain) - PAGE);
            check(firstIdAtOffset(plain, middleOffset) == middleFirstId, "OFFSET walk found another middle page");

            Stats offsetMiddle = time(1, few, () -> offsetPage(plain, middleOffset));
            Stats offsetLast = time(1, few, () -> offsetPage(plain, lastOffset));

            row("first page (`first`)", time(5, many, () -> TableRows.first(db, all, PAGE)), "p99 <= 50 ms");
            row(
                    "middle page, id " + middleFirstId + " on (`after`)",
                    time(5, many, () -> TableRows.after(db, all, middleBoundary, PAGE)),
                    "p99 <= 50 ms",
                    PAGE_TARGET_MS,
                    "OFFSET " + middleOffset,
                    offsetMiddle);
            row(
                    "page before the middle (`before`)",
                    time(5, many, () -> TableRows.before(db, all, middle.rows().get(0), PAGE)),
                    "p99 <= 50 ms");
            row(
                    "last page (`last`)",
                    time(5, many, () -> TableRows.last(db, all, PAGE)),
                    "p99 <= 50 ms",
                    PAGE_TARGET_MS,
                    "OFFSET " + lastOffset,
                    offsetLast);
            plan(db, "middle page", select(all, "", "ORDER BY \"id\"", "WHERE (\"id\") > (?)"), middleBoundary);

            // Sorted by an indexed column (events_ts_idx), newest first.
            RowQuery byTs = all.sortedBy(Sort.descending("ts"));
            sortedPages(db, byTs, "sorted by ts, newest first", many, "p99 <= 50 ms");
            // And by one no index serves: every page sorts every row.
            RowQuery byMessage = all.sortedBy(Sort.ascending("message"));
            sortedPages(db, byMessage, "sorted by message (no index)", few, "none: shows the cost");

            RowQuery errors = all.where(Filter.equal("level", "error"));
            RowPage firstErrors = TableRows.first(db, errors, PAGE);
            Row errorBoundary = firstErrors.rows().get(firstErrors.rows().size() - 1);
            row("level = error, first page", time(3, many, () -> TableRows.first(db, errors, PAGE)), "p99 <= 50 ms");
            row(
                    "level = error, next page (`after`)",
                    time(3, many, () -> TableRows.after(db, errors, errorBoundary, PAGE)),
                    "p99 <= 50 ms");
            plan(db, "level = error, first page", select(errors, "WHERE \"level\" = 'error'", "ORDER BY \"id\"", ""));
            plan(
                    db,
                    "level = error, next page",
                    select(errors, "WHERE \"level\" = 'error'", "ORDER BY \"id\"", "WHERE (\"id\") > (?)"),
                    errorBoundary);
            AtomicReference<Facet> facet = new AtomicReference<>();
            row(
                    "facet of level (`Facets.of`, sample " + String.format(Locale.ROOT, "%,d", Facets.DEFAULT_SAMPLE)
                            + ")",
                    time(2, many, () -> facet.getAndSet(Facets.of(db, all, "level", 10, Facets.DEFAULT_SAMPLE))),
                    "p99 <= 50 ms");
            json.put(
                    "facet",
                    facet.get().values().stream()
                            .map(v -> v.value() + "=" + v.count())
                            .collect(Collectors.joining(", ")));

            Stats plainCount = time(1, few, () -> countPlain(plain));
            row(
                    "count up to 10,000 (`countUpTo`)",
                    time(2, many, () -> TableRows.countUpTo(db, all, 10_000)),
                    "background",
                    Double.NaN,
                    null,
                    null);
            row(
                    "count (`count`)",
                    time(1, few, () -> TableRows.count(db, all, Cancellation.none())),
                    "background",
                    Double.NaN,
                    "`SELECT count(*) FROM events`",
                    plainCount);
        }

        cancel(db);
        memory();
    }

    private void sortedPages(Database db, RowQuery query, String name, int runs, String target) {
        RowPage first = TableRows.first(db, query, PAGE);
        Row boundary = first.rows().get(first.rows().size() - 1);
        RowPage next = TableRows.after(db, query, boundary, PAGE);
        int warmups = runs > 20 ? 3 : 1;
        String index =
                String.format(Locale.ROOT, " (sortUsesIndex %s/%s)", first.sortUsesIndex(), next.sortUsesIndex());
        double targetMs = target.startsWith("p99") ? PAGE_TARGET_MS : Double.NaN;
        row(
                name + ", first page" + index,
                time(warmups, runs, () -> TableRows.first(db, query, PAGE)),
                target,
                targetMs,
                null,
                null);
        row(
                name + ", next page (`after`)",
                time(warmups, runs, () -> TableRows.after(db, query, boundary, PAGE)),
                target,
                targetMs,
                null,
                null);
        Sort sort = query.sort().orElseThrow();
        String column = Identifiers.quote(sort.column());
        String direction = sort.descending() ? " DESC" : "";
        String orderBy = "ORDER BY " + column + direction + ", \"id\"" + direction;
        plan(db, name + ", first page", selectSorted(column, orderBy, ""));
        plan(
                db,
                name + ", next page",
                selectSorted(
                        column,
                        orderBy,
                        "WHERE (" + column + ", \"id\") " + (sort.descending() ? "<" : ">") + " (?, ?)"),
                boundary);
    }

    /** Cancel of an endless typed query, and how soon the grid answers again. */
    private void cancel(Database db) throws Exception {
        Stats stopped = new Stats();
        Stats usable = new Stats();
        int runs = Math.max(5, 3 * repeats);
        for (int r = 0; r < runs + 1; r++) {
            Cancellation cancellation = new Cancellation();
            AtomicLong returned = new AtomicLong();
            AtomicLong answered = new AtomicLong();
            AtomicReference<Throwable> failure = new AtomicReference<>();
            Thread grid = new Thread(() -> {
                try {
                    ReadOnlySql.run(db, ENDLESS, 0, PAGE, cancellation);
                    failure.set(new IllegalStateException("the endless query returned"));
                } catch (CancelledException expected) {
                    returned.set(System.nanoTime());
                    ReadOnlySql.run(db, "SELECT 1", 0, PAGE, Cancellation.none());
                    answered.set(System.nanoTime());
                } catch (Throwable t) {
                    failure.set(t);
                }
            });
            grid.start();
            Thread.sleep(200);
            long cancelled = System.nanoTime();
            cancellation.cancel();
            grid.join(30_000);
            check(failure.get() == null && answered.get() != 0, "cancel failed: " + failure.get());
            if (r > 0) { // the first is a warm-up
                stopped.add(returned.get() - cancelled);
                usable.add(answered.get() - cancelled);
            }
        }
        row("cancel of an endless query: until it returns", stopped, "<= 200 ms", CANCEL_TARGET_MS, null, null);
        row("cancel: until `SELECT 1` answers after it", usable, "<= 200 ms", CANCEL_TARGET_MS, null, null);
    }

    private void memory() throws java.io.IOException {
        Runtime runtime = Runtime.getRuntime();
        long heapUsed = runtime.totalMemory() - runtime.freeMemory();
        long committed = runtime.totalMemory();
        System.gc();
        long heapAfterGc = runtime.totalMemory() - runtime.freeMemory();
        String rss = Files.readAllLines(Path.of("/proc/self/status")).stream()
                .filter(l -> l.startsWith("VmRSS:"))
                .findFirst()
                .map(l -> l.substring("VmRSS:".length()).strip())
                .orElse("unknown");
        long rssKb = rss.endsWith(" kB") ? Long.parseLong(rss.substring(0, rss.length() - 3)) : -1;
        json.put("rss_kb", rssKb);
        json.put("heap_used_bytes", heapUsed);
        json.put("heap_used_after_gc_bytes", heapAfterGc);
        json.put("max_heap_bytes", runtime.maxMemory());
        json.put("committed_heap_bytes", committed);
        table.append(String.format(
                Locale.ROOT,
                "%nMemory with the database open after these operations: RSS **%,.0f MB** (VmRSS of the JVM),"
                        + " heap used %,.0f MB (%,.0f MB after a GC; committed %,.0f MB, -Xmx %,.0f MB).%n",
                rssKb / 1024.0,
                heapUsed / 1e6,
                heapAfterGc / 1e6,
                committed / 1e6,
                runtime.maxMemory() / 1e6));
        table.append("\nThe facet found: ").append(json.get("facet")).append(".\n");
        if (!misses.isEmpty()) {
            table.append("\nMissed targets: ").append(String.join("; ", misses)).append(".\n");
        } else {
            table.append("\nEvery figure with a target meets it.\n");
        }
        if (!plans.isEmpty()) {
            table.append("\nPlans (`EXPLAIN QUERY PLAN` through `db.engine().plan`, of the SQL `TableRows` runs):\n\n");
            plans.forEach((name, steps) -> table.append("- ")
                    .append(name)
                    .append(": `")
                    .append(String.join(" / ", steps))
                    .append("`\n"));
        }
    }

    // ---- plans --------------------------------------------------------------------------------

    private final Map<String, List<String>> plans = new LinkedHashMap<>();

    /** The SQL BrowseSql writes for the events table: its columns, then the order terms. */
    private String select(RowQuery query, String where, String orderBy, String seek) {
        String condition = where;
        if (!seek.isEmpty()) {
            condition = condition.isEmpty() ? seek : condition + " AND " + seek.substring("WHERE ".length());
        }
        return "SELECT " + columnList() + ", \"id\" FROM \"events\" " + condition + " " + orderBy + " LIMIT 201";
    }

    private String selectSorted(String column, String orderBy, String seek) {
        return "SELECT " + columnList() + ", " + column + ", \"id\" FROM \"events\" " + seek + " " + orderBy
                + " LIMIT 201";
    }

    private String columnList() {
        return columns.stream().map(Identifiers::quote).collect(Collectors.joining(", "));
    }

    private void plan(Database db, String name, String sql) {
        plan(db, name, sql, null);
    }

    private void plan(Database db, String name, String sql, Row boundary) {
        Map<String, Object> named = new LinkedHashMap<>();
        StringBuilder text = new StringBuilder();
        int n = 0;
        for (char c : sql.toCharArray()) {
            if (c == '?') {
                named.put("p" + n, boundary.position().get(n));
                text.append(":p").append(n++);
            } else {
                text.append(c);
            }
        }
        plans.put(name, db.read(h -> db.engine().plan(h, text.toString(), named)));
    }

    // ---- baselines through plain JDBC ---------------------------------------------------------

    private static Connection plainReadOnly(Path file) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        return config.createConnection("jdbc:sqlite:" + file);
    }

    /** What DB Browser for SQLite does for a page: an OFFSET walk in rowid order. */
    private static int offsetPage(Connection c, long offset) {
        try (PreparedStatement s = c.prepareStatement("SELECT * FROM events ORDER BY id LIMIT 200 OFFSET ?")) {
            s.setLong(1, offset);
            try (var rs = s.executeQuery()) {
                int n = 0;
                int width = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    for (int i = 1; i <= width; i++) {
                        rs.getObject(i);
                    }
                    n++;
                }
                return n;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long firstIdAtOffset(Connection c, long offset) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT id FROM events ORDER BY id LIMIT 1 OFFSET ?")) {
            s.setLong(1, offset);
            try (var rs = s.executeQuery()) {
                return rs.next() ? rs.getLong(1) : -1;
            }
        }
    }

    private static long offsetOf(Connection c, long id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT count(*) FROM events WHERE id < ?")) {
            s.setLong(1, id);
            try (var rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static long countPlain(Connection c) {
        try (Statement s = c.createStatement();
                var rs = s.executeQuery("SELECT count(*) FROM events")) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- timing and the table ------------------------------------------------------------------

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

    private void row(String name, Stats stats, String target) {
        row(name, stats, target, PAGE_TARGET_MS, null, null);
    }

    /** One line of the table; {@code targetMs} is compared with p99 (NaN: no target). */
    private void row(String name, Stats stats, String target, double targetMs, String baseline, Stats base) {
        double p50 = stats.percentileMillis(50);
        double p99 = stats.percentileMillis(99);
        String basePart = baseline == null
                ? " | | |"
                : String.format(
                        Locale.ROOT, " %s | %.1f | %s |", baseline, base.percentileMillis(50), ratio(base, stats));
        table.append(String.format(
                Locale.ROOT, "| %s | %d | %.2f | %.2f | %s |%s%n", name, stats.count(), p50, p99, target, basePart));
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("operation", name);
        row.put("runs", stats.count());
        row.put("p50_ms", p50);
        row.put("p99_ms", p99);
        if (base != null) {
            row.put("baseline", baseline);
            row.put("baseline_p50_ms", base.percentileMillis(50));
        }
        rows.add(row);
        if (!Double.isNaN(targetMs) && p99 > targetMs) {
            misses.add(String.format(Locale.ROOT, "%s (p99 %.1f ms, target %s)", name, p99, target));
        }
        System.err.printf(Locale.ROOT, "browse: %s p50 %.2f p99 %.2f ms%n", name, p50, p99);
    }

    /** Baseline p50 over runstore's p50: how many times longer the baseline takes. */
    private static String ratio(Stats baseline, Stats measured) {
        double ratio = baseline.percentileMillis(50) / measured.percentileMillis(50);
        return String.format(Locale.ROOT, ratio < 10 ? "%.2f" : "%,.0f", ratio);
    }

    private static void check(boolean condition, String message) {
        if (!condition) {
            throw new IllegalStateException(message);
        }
    }

    private static String loadAverage() throws java.io.IOException {
        String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
        return fields[0] + " " + fields[1] + " " + fields[2];
    }
}
