package dev.runstore.desktop.data;

import dev.runstore.core.admin.CheckReport;
import dev.runstore.core.admin.Demo;
import dev.runstore.core.admin.HealthChecks;
import dev.runstore.core.admin.Listings;
import dev.runstore.core.admin.Reset;
import dev.runstore.core.admin.ResetPreview;
import dev.runstore.core.admin.ResetResult;
import dev.runstore.core.admin.RunCounts;
import dev.runstore.core.admin.RunListing;
import dev.runstore.core.admin.RunSummary;
import dev.runstore.core.catalog.Catalog;
import dev.runstore.core.catalog.Overview;
import dev.runstore.core.catalog.SchemaObject;
import dev.runstore.core.catalog.TableCounts;
import dev.runstore.core.catalog.TableStructure;
import dev.runstore.core.db.Database;
import dev.runstore.core.db.DatabaseConfig;
import dev.runstore.core.json.JsonText;
import dev.runstore.core.migrate.MigrationStatus;
import dev.runstore.core.migrate.Migrator;
import dev.runstore.core.query.Cancellation;
import dev.runstore.core.query.ExportFormat;
import dev.runstore.core.query.Facet;
import dev.runstore.core.query.Facets;
import dev.runstore.core.query.QueryPlan;
import dev.runstore.core.query.QueryResult;
import dev.runstore.core.query.ReadOnlySql;
import dev.runstore.core.query.Row;
import dev.runstore.core.query.RowPage;
import dev.runstore.core.query.RowQuery;
import dev.runstore.core.query.TableRows;
import dev.runstore.core.stats.ChartRange;
import dev.runstore.core.stats.EventRates;
import dev.runstore.core.stats.RateSeries;
import dev.runstore.core.store.Event;
import dev.runstore.core.store.EventFilter;
import dev.runstore.core.store.EventPage;
import dev.runstore.core.store.Events;
import dev.runstore.core.store.Run;
import dev.runstore.core.store.Runs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

/**
 * The console's connection to one database, through core's operations only (no SQL here). The
 * database is open read-only, so the console never blocks an ingester; only {@link #reset} opens it
 * read-write, briefly. Each method is one panel's load; methods block: call them from background
 * tasks. Every call is reported to the {@link Observer}, so tests can count what a refresh does and
 * a measurement can add up its database time.
 */
public final class DatabaseSession implements AutoCloseable {
    /** How many recent runs the Runs panel lists. */
    public static final int RUN_LIMIT = 500;

    /** Sees each session call once it returns or fails. */
    @FunctionalInterface
    public interface Observer {
        Observer NONE = (operation, nanos) -> {};

        void called(String operation, long nanos);
    }

    private final Path path;
    /** Read-only; it holds a typed PostgreSQL password, so it is never shown (its toString hides it). */
    private final DatabaseConfig config;

    private final boolean resetAllowed;
    private volatile Observer observer = Observer.NONE;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private Database db;

    private DatabaseSession(DatabaseConfig config, boolean resetAllowed) {
        this.config = config;
        this.path = config.path() == null ? null : config.path().toAbsolutePath();
        this.resetAllowed = resetAllowed;
        this.db = Database.open(config);
    }

    /**
     * Opens {@code path} read-only; a missing file is an error naming it (nothing is created). Any
     * SQLite file opens, runstore's or not: {@link #isRunstore} tells the panels which it is.
     */
    public static DatabaseSession open(Path path, boolean resetAllowed) {
        return new DatabaseSession(readOnly(DatabaseConfig.builder(path.toAbsolutePath())), resetAllowed);
    }

    /**
     * Opens a location read-only: a SQLite file path, or a {@code jdbc:postgresql://} URL with
     * {@code password} for the server (null or empty: the URL's own, else {@code PGPASSWORD}).
     */
    public static DatabaseSession open(String location, String password, boolean resetAllowed) {
        DatabaseConfig.Builder builder = DatabaseConfig.forLocation(location);
        if (password != null && !password.isEmpty()) {
            builder.password(password);
        }
        return new DatabaseSession(readOnly(builder), resetAllowed);
    }

    /** Creates a demo database (through core's demo operation) in a new temp folder and opens it. */
    public static DatabaseSession openDemo(boolean resetAllowed) {
        Path file;
        try {
            file = Files.createTempDirectory("runstore-demo").resolve("demo.db");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temp folder for the demo database", e);
        }
        try (Database writable = Database.open(file)) {
            Demo.fill(writable, 8, 200);
        }
        return open(file, resetAllowed);
    }

    /** The SQLite file, or null for a PostgreSQL server (see {@link #location}). */
    public Path path() {
        return path;
    }

    /** The file path, or the server's URL with any password redacted: safe for titles and logs. */
    public String location() {
        return config.location();
    }

    /** What the window calls the database: the file's name, or the server's database and schema. */
    public String displayName() {
        if (path != null) {
            return path.getFileName().toString();
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("^jdbc:postgresql://([^/?]*)/?([^?]*)(?:\\?(.*))?$")
                .matcher(config.url());
        if (!m.matches()) {
            return location();
        }
        String schema = java.util.Arrays.stream(
                        m.group(3) == null ? new String[0] : m.group(3).split("&"))
                .filter(p -> p.startsWith("currentSchema="))
                .map(p -> "." + p.substring("currentSchema=".length()))
                .findFirst()
                .orElse("");
        String database = m.group(2).isEmpty() ? "postgres" : m.group(2);
        return database + schema + " on " + m.group(1);
    }

    public void observe(Observer observer) {
        this.observer = observer == null ? Observer.NONE : observer;
    }

    /** Whether the file has runstore's runs and events tables (one catalog query). */
    public boolean isRunstore() {
        return timed("isRunstore", () -> TableCounts.isRunstoreSchema(db));
    }

    /** Where the schema stands: one Flyway status call. */
    public MigrationStatus migrationStatus() {
        return timed("migrationStatus", () -> new Migrator().status(db));
    }

    /** Every table's row count and, where dbstat exists, its size. */
    public TableStats tables() {
        return timed("tables", () -> new TableStats(TableCounts.of(db), TableCounts.sizes(db)));
    }

    /** Every check; out-of-line payloads found present, not read (runstore check reads them). */
    public CheckReport checks() {
        return timed("checks", () -> HealthChecks.run(db, false));
    }

    /** How long event counts are carried forward before every listed run is counted afresh. */
    static final Duration RECOUNT_AFTER = Duration.ofMinutes(1);

    private RunCounts runCounts = RunCounts.NONE;
    private Instant runCountsAt = Instant.EPOCH;

    /**
     * The newest runs with their event counts. The first call counts every listed run's events (one
     * grouped query); later ones add only the events written since (a rowid range), so a live
     * refresh costs what ingesters wrote in between, not the size of the table; every minute the
     * counts are taken afresh, which also catches events deleted by another program.
     */
    public List<RunSummary> recentRuns() {
        return timed("recentRuns", () -> {
            synchronized (this) {
                Instant now = Instant.now();
                RunCounts known = now.isAfter(runCountsAt.plus(RECOUNT_AFTER)) ? RunCounts.NONE : runCounts;
                RunListing listing = Listings.recentRuns(db, Optional.empty(), RUN_LIMIT, known);
                if (known.equals(RunCounts.NONE)) {
                    runCountsAt = now;
                }
                runCounts = listing.counts();
                return listing.runs();
            }
        });
    }

    /** A page of one run's events with the run's and the filter's counts of the same moment. */
    public EventPage events(long runId, EventFilter filter, EventPage.Go go, Event anchor, int size) {
        return timed("events", () -> new Events(db).page(runId, filter, go, anchor, size));
    }

    /** A run's newest events after {@code anchor} (at most {@code limit}) and how many, up to {@code countCap}. */
    public Events.Newer newerEvents(long runId, EventFilter filter, Event anchor, int limit, long countCap) {
        return timed("newerEvents", () -> new Events(db).newer(runId, filter, anchor, limit, countCap));
    }

    /** An event's payload, read and checked against its SHA-256 when it is stored out of line. */
    public JsonText payload(Event event) {
        return timed("payload", () -> new Events(db).payload(event));
    }

    /** The overview the console lands on, before its table counts: the file, migrations, recent activity. */
    public Overview overview() {
        return timed("overview", () -> Overview.withoutCounts(db, new Migrator(), Instant.now()));
    }

    /** {@code shown} with every table's rows counted: the overview's slow part, loaded after it. */
    public Overview overviewCounts(Overview shown) {
        return timed("overviewCounts", () -> shown.counted(db, Instant.now()));
    }

    /** {@code previous} with its cheap figures read again; counts and migrations kept. */
    public Overview overview(Overview previous) {
        return timed("overviewRefresh", () -> previous.refreshed(db, Instant.now()));
    }

    /** Every table, view, index and trigger. */
    public List<SchemaObject> objects() {
        return timed("objects", () -> Catalog.objects(db));
    }

    /** One table's or view's columns, keys, indexes and triggers. */
    public TableStructure structure(String table) {
        return timed("structure", () -> Catalog.structure(db, table));
    }

    /** A page of {@code query}'s rows; {@code boundary} is the row to page from for BEFORE/AFTER. */
    public RowPage rows(RowQuery query, TableRows.Go go, Row boundary, int size, Cancellation cancellation) {
        return timed("rows", () -> TableRows.page(db, query, go, boundary, size, cancellation));
    }

    /** Matching rows, counted no further than {@code cap}. */
    public long countUpTo(RowQuery query, long cap) {
        return timed("countUpTo", () -> TableRows.countUpTo(db, query, cap));
    }

    /** Matching rows, all counted; {@code cancellation} stops it. */
    public long count(RowQuery query, Cancellation cancellation) {
        return timed("count", () -> TableRows.count(db, query, cancellation));
    }

    public Facet facet(RowQuery query, String column) {
        return timed("facet", () -> Facets.of(db, query, column, 12, Facets.DEFAULT_SAMPLE));
    }

    /** Every matching row to {@code file}, streamed; returns how many. */
    public long export(RowQuery query, ExportFormat format, Path file, Cancellation cancellation) {
        return timed(
                "export",
                () -> writeFile(file, out -> TableRows.export(db, query, format, out, Long.MAX_VALUE, cancellation)));
    }

    /** Rows of typed SQL, behind the read-only guard. */
    public QueryResult sql(String sql, long offset, int limit, Cancellation cancellation) {
        return timed("sql", () -> ReadOnlySql.run(db, sql, offset, limit, cancellation));
    }

    public long sqlCount(String sql, Cancellation cancellation) {
        return timed("sqlCount", () -> ReadOnlySql.count(db, sql, cancellation));
    }

    public QueryPlan sqlPlan(String sql, Cancellation cancellation) {
        return timed("sqlPlan", () -> ReadOnlySql.plan(db, sql, cancellation));
    }

    /** Every row of typed SQL to {@code file}, streamed; returns how many. */
    public long sqlExport(String sql, ExportFormat format, Path file, Cancellation cancellation) {
        return timed(
                "sqlExport",
                () -> writeFile(file, out -> ReadOnlySql.export(db, sql, format, out, Long.MAX_VALUE, cancellation)));
    }

    /** Every run's events per bucket of {@code range}, up to now: read afresh. */
    public RateSeries eventRates(ChartRange range) {
        return timed("eventRates", () -> RateSeries.of(db, range, Instant.now()));
    }

    /** One run's events per bucket of {@code by}: read afresh. */
    public RateSeries runRates(long runId, EventRates.By by) {
        return timed("runRates", () -> RateSeries.ofRun(db, runId, by));
    }

    /** {@code shown} continued to now: only its last bucket and newer ones are read. */
    public RateSeries rates(RateSeries shown) {
        return timed("ratesRefresh", () -> shown.refreshed(db, Instant.now()));
    }

    /** The newest runs without their event counts, for the runs timeline. */
    public List<Run> runsTimeline(int limit) {
        return timed("runsTimeline", () -> new Runs(db).listRecent(Optional.empty(), limit));
    }

    /**
     * Writes through a temp file beside {@code file} and moves it into place only when the export
     * finished, so a failed or cancelled export leaves no half file and an existing one untouched.
     */
    private static long writeFile(Path file, java.util.function.ToLongFunction<java.io.Writer> export) {
        Path temp;
        try {
            // A name of its own beside the target: two exports to one file, or a file the person
            // named *.part, are never overwritten or deleted by another export's temp file.
            temp = Files.createTempFile(file.toAbsolutePath().getParent(), file.getFileName() + ".", ".part");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the export beside " + file + ": " + e.getMessage(), e);
        }
        try {
            long rows;
            try (java.io.Writer out = Files.newBufferedWriter(temp, java.nio.charset.StandardCharsets.UTF_8)) {
                rows = export.applyAsLong(out);
            }
            Files.move(
                    temp,
                    file,
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the export to " + file + ": " + e.getMessage(), e);
        } finally {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException ignored) {
                // best effort: the temp file is named after the export, the person will see it
            }
        }
    }

    /** Why the dev reset is disabled, or null when it is allowed. */
    public String resetRefusal() {
        return timed(
                "resetRefusal",
                () -> db.engine().canBackUp()
                        ? Reset.refusal(db, resetAllowed)
                        : "the console resets only SQLite files, which it backs up first; back this server's"
                                + " schema up with pg_dump, then run 'runstore reset --yes'");
    }

    /** What the dev reset would delete and where its backup would go, for its confirmation. */
    public ResetPreview resetPreview() {
        return timed("resetPreview", () -> Reset.preview(db));
    }

    /** The dev reset: reopens the file read-write just for it, then read-only again. */
    public ResetResult reset() {
        long started = System.nanoTime();
        lock.writeLock().lock();
        try {
            db.close();
            try (Database writable = Database.open(config.withMode(dev.runstore.core.db.AccessMode.READ_WRITE))) {
                runCounts = RunCounts.NONE;
                return Reset.run(writable, resetAllowed);
            } finally {
                db = Database.open(config);
            }
        } finally {
            lock.writeLock().unlock();
            observer.called("reset", System.nanoTime() - started);
        }
    }

    @Override
    public void close() {
        lock.writeLock().lock();
        try {
            db.close();
        } finally {
            lock.writeLock().unlock();
        }
    }

    private <T> T timed(String operation, Supplier<T> call) {
        long started = System.nanoTime();
        // Reads share the pool (a slow check does not hold up the Runs panel); only reset and close,
        // which swap or close the database, wait for them.
        lock.readLock().lock();
        try {
            return call.get();
        } finally {
            lock.readLock().unlock();
            observer.called(operation, System.nanoTime() - started);
        }
    }

    private static DatabaseConfig readOnly(DatabaseConfig.Builder builder) {
        return builder.readOnly().readPoolSize(2).build();
    }
}
