package dev.runstore.core.bench;

import com.zaxxer.hikari.HikariDataSource;
import dev.runstore.core.db.Database;
import dev.runstore.core.db.DatabaseConfig;
import dev.runstore.core.migrate.Migrator;
import dev.runstore.core.store.Events;
import dev.runstore.core.store.Level;
import dev.runstore.core.store.NewEvent;
import dev.runstore.core.store.NewRun;
import dev.runstore.core.store.Runs;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.sqlite.SQLiteConfig;

/**
 * Writer threads in one process: the limit, runstore against the baselines a developer would
 * pick, and the durable (synchronous=FULL) pair. Every configuration's median goes into {@code
 * measured} under {@link #key}, for the targets.
 */
final class WriterThreads {
    static final String RUNSTORE = "runstore";
    static final String RUNSTORE_FULL = "runstore, synchronous=FULL";
    static final String POOLED = "pooled sqlite-jdbc, WAL";
    static final String DEFAULTS = "sqlite-jdbc defaults";
    static final String SAME_TRANSACTIONS = "one thread, the same transactions";
    static final String COMMIT_PER_UNIT_FULL = "one commit per unit, synchronous=FULL";

    private static final List<String> PATHS = List.of(RUNSTORE, POOLED, DEFAULTS, SAME_TRANSACTIONS);
    private static final List<String> DURABLE_PATHS = List.of(RUNSTORE_FULL, COMMIT_PER_UNIT_FULL);

    private final Path work;
    private final double seconds;
    private final int repeats;
    private final StringBuilder report;
    private final Map<String, Measured> measured;
    private final List<Map<String, Object>> rows = new ArrayList<>();
    private double limit;

    WriterThreads(Path work, double seconds, int repeats, StringBuilder report, Map<String, Measured> measured) {
        this.work = work;
        this.seconds = seconds;
        this.repeats = repeats;
        this.report = report;
        this.measured = measured;
    }

    static String key(String path, int threads, int processes, int unit) {
        return path + "/" + threads + "/" + processes + "/" + unit;
    }

    /** Measures everything; returns the JSON: the limit, and under "threads" a row per configuration. */
    Map<String, Object> run() throws Exception {
        Map<String, Object> json = new java.util.LinkedHashMap<>();
        limit(json);
        report.append("## Writer threads in one process\n\n")
                .append("Each thread appends units of events to a run of its own for ")
                .append(seconds)
                .append(" s. \"")
                .append(POOLED)
                .append("\" is what a competent developer writes without runstore: a HikariCP pool of 8,")
                .append(" WAL, synchronous=NORMAL, busy_timeout 5000, foreign keys on, one transaction per unit")
                .append(" in the driver's default (deferred) mode, every failed transaction counted. \"")
                .append(DEFAULTS)
                .append("\" is a connection per thread with the driver's defaults (rollback journal, FULL sync).")
                .append(" \"")
                .append(SAME_TRANSACTIONS)
                .append("\" commits exactly the transactions a perfect group commit would form (one unit from")
                .append(" every writer) from one thread with plain JDBC: no savepoints, no hand-offs between")
                .append(" threads; it is the ideal that runstore's group commit is measured against.\n\n");
        table(PATHS, new int[] {1, 4, 8});
        report.append("\n## Durable commits: synchronous=FULL\n\n")
                .append("`DatabaseConfig.Builder.durable()` (CLI `--durable`) against what a developer writes for")
                .append(" the same guarantee: a connection per thread (WAL, synchronous=FULL, busy_timeout 5000),")
                .append(" one commit, so one fsync, per unit. runstore's group commit makes one fsync serve every")
                .append(" unit of the group.\n\n");
        table(DURABLE_PATHS, new int[] {1, 8});
        json.put("threads", rows);
        return json;
    }

    private void table(List<String> paths, int[] threadCounts) throws Exception {
        report.append("| path | threads | events per transaction | events/s | vs limit | failed transactions |")
                .append(" commit p50 ms | p99 ms | max ms |\n|---|---|---|---|---|---|---|---|---|\n");
        for (int unit : new int[] {1, 50}) {
            for (int threads : threadCounts) {
                for (String path : paths) {
                    List<Measured> results = new ArrayList<>();
                    for (int r = 0; r < repeats; r++) {
                        results.add(measure(path, threads, unit));
                    }
                    Measured median = Measured.median(results);
                    measured.put(key(path, threads, 0, unit), median);
                    rows.add(median.row(path, threads, 0, unit));
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
    }

    private Measured measure(String path, int threads, int unit) throws Exception {
        return switch (path) {
            case RUNSTORE -> runstore(threads, unit, false);
            case RUNSTORE_FULL -> runstore(threads, unit, true);
            case POOLED -> pooled(threads, unit);
            case DEFAULTS -> plain(threads, unit, null);
            case COMMIT_PER_UNIT_FULL -> plain(threads, unit, SQLiteConfig.SynchronousMode.FULL);
            case SAME_TRANSACTIONS -> sameTransactions(threads, unit);
            default -> throw new IllegalStateException(path);
        };
    }

    // ---- the limit: one thread, one transaction -----------------------------------------------

    /**
     * The limit: one thread, one transaction, batched inserts of the rows the 4 x 50 writers make
     * (4 runs, 50 events each in turn) into runstore's own events table — same schema, indexes,
     * CHECKs and foreign key, same INSERT with every column bound. A minimal two-index table, as
     * in the first measurement, is reported beside it for context.
     */
    private void limit(Map<String, Object> json) throws Exception {
        double[] rates = new double[repeats];
        double[] minimal = new double[repeats];
        for (int r = 0; r < repeats; r++) {
            rates[r] = oneTransaction(work.resolve("limit-" + r + ".db"), true);
            minimal[r] = oneTransaction(work.resolve("minimal-" + r + ".db"), false);
        }
        limit = Stats.median(rates);
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
    }

    private static double oneTransaction(Path file, boolean runstoreSchema) throws SQLException {
        try (Connection c = PlainSqlite.walConnection(file);
                Statement s = c.createStatement()) {
            // The limit is inserting and committing; copying the WAL into the file afterwards is not.
            s.execute("PRAGMA wal_autocheckpoint = 0");
            if (runstoreSchema) {
                PlainSqlite.runstoreSchema(c, 4);
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
            try (PreparedStatement insert =
                    c.prepareStatement(runstoreSchema ? PlainSqlite.INSERT : PlainSqlite.MINIMAL_INSERT)) {
                for (int i = 0; i < rows; i += 50) {
                    int run = (i / 50) % 4;
                    for (int e = 0; e < 50; e++) {
                        PlainSqlite.bindEvent(insert, run + 1, ++seq[run]);
                        insert.addBatch();
                    }
                    insert.executeBatch();
                }
            }
            c.commit();
            return rows / ((System.nanoTime() - started) / 1e9);
        }
    }

    // ---- the paths ----------------------------------------------------------------------------

    private Measured runstore(int threads, int unit, boolean durable) throws Exception {
        Path file = work.resolve("rs-" + System.nanoTime() + ".db");
        DatabaseConfig.Builder config = DatabaseConfig.builder(file);
        if (durable) {
            config.durable();
        }
        try (Database db = Database.open(config.build())) {
            new Migrator().migrate(db);
            return append(db, "t", threads, unit, seconds);
        }
    }

    /**
     * {@code threads} threads appending {@code unit}-event units through runstore for {@code
     * seconds}, each to a new run named {@code runPrefix} and its number.
     */
    static Measured append(Database db, String runPrefix, int threads, int unit, double seconds) throws Exception {
        Runs runs = new Runs(db);
        Events events = new Events(db);
        List<Long> runIds = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            runIds.add(runs.create(new NewRun(runPrefix + t, "bench", Map.of(), Instant.now()))
                    .id());
        }
        return Measured.threads(threads, seconds, (t, stats, count, failures, stop) -> {
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

    /** The HikariCP baseline: each unit borrows a pooled connection and commits on it. */
    private Measured pooled(int threads, int unit) throws Exception {
        Path file = work.resolve("pooled-" + System.nanoTime() + ".db");
        try (Connection c = PlainSqlite.walConnection(file)) {
            PlainSqlite.runstoreSchema(c, threads);
        }
        try (HikariDataSource pool = PlainSqlite.pooled(file, 8)) {
            return Measured.threads(threads, seconds, (t, stats, count, failures, stop) -> {
                long seq = 1;
                while (!stop.get()) {
                    long started = System.nanoTime();
                    try {
                        PlainSqlite.commitUnit(pool, t + 1, seq, unit);
                        count.addAndGet(unit);
                    } catch (SQLException e) {
                        failures.incrementAndGet();
                    }
                    seq += unit;
                    stats.add(System.nanoTime() - started);
                }
            });
        }
    }

    /**
     * A connection per thread and a commit per unit: with the driver's defaults when {@code
     * synchronous} is null, else WAL with that synchronous and a 5 s busy timeout.
     */
    private Measured plain(int threads, int unit, SQLiteConfig.SynchronousMode synchronous) throws Exception {
        Path file = work.resolve("plain-" + System.nanoTime() + ".db");
        try (Connection c = open(file, synchronous)) {
            PlainSqlite.runstoreSchema(c, threads);
        }
        return Measured.threads(threads, seconds, (t, stats, count, failures, stop) -> {
            try (Connection c = open(file, synchronous)) {
                c.setAutoCommit(false);
                long seq = 0;
                try (PreparedStatement insert = c.prepareStatement(PlainSqlite.INSERT)) {
                    while (!stop.get()) {
                        long started = System.nanoTime();
                        try {
                            for (int i = 0; i < unit; i++) {
                                PlainSqlite.bindEvent(insert, t + 1, ++seq);
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

    private static Connection open(Path file, SQLiteConfig.SynchronousMode synchronous) throws SQLException {
        return synchronous == null
                ? DriverManager.getConnection("jdbc:sqlite:" + file)
                : PlainSqlite.walConnection(file, synchronous);
    }

    /**
     * The transactions a perfect group commit would form — one unit from each of {@code threads}
     * runs — committed from one thread with plain JDBC (WAL, SQLite's default checkpointing),
     * statements prepared once, no savepoints.
     */
    private Measured sameTransactions(int threads, int unit) throws Exception {
        Path file = work.resolve("same-" + System.nanoTime() + ".db");
        try (Connection c = PlainSqlite.walConnection(file)) {
            PlainSqlite.runstoreSchema(c, threads);
        }
        return Measured.threads(1, seconds, (ignored, stats, count, failures, stop) -> {
            try (Connection c = PlainSqlite.walConnection(file);
                    PreparedStatement begin = c.prepareStatement("BEGIN IMMEDIATE");
                    PreparedStatement commit = c.prepareStatement("COMMIT");
                    PreparedStatement insert = c.prepareStatement(PlainSqlite.INSERT)) {
                long[] seq = new long[threads];
                while (!stop.get()) {
                    long started = System.nanoTime();
                    begin.execute();
                    for (int t = 0; t < threads; t++) {
                        for (int i = 0; i < unit; i++) {
                            PlainSqlite.bindEvent(insert, t + 1, ++seq[t]);
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
}
