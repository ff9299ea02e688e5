package dev.runstore.core.catalog;

import dev.runstore.core.db.Database;
import dev.runstore.core.migrate.MigrationStatus;
import dev.runstore.core.migrate.Migrator;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A database at a glance, as the console lands on it: the file, the engine, where its migrations
 * stand, what its tables hold, and what ingesters did lately. One migration status and cheap
 * indexed reads, plus one count per table.
 *
 * @param walBytes the WAL file's size beside a SQLite database, when there is one
 * @param runstoreSchema whether runstore's runs and events tables are there; the rest of the
 *     runstore figures are empty or zero when they are not
 * @param runsByStatus run counts by status label, for the statuses that occur, the most common first
 * @param eventsLastHour events whose time is within the hour before {@code at}, counted up to {@link
 *     #LAST_HOUR_CAP} + 1 (more than the cap: "more than 100,000")
 * @param countedAt when the table counts were read ({@link #refreshed} keeps them); null before
 *     {@link #counted}
 */
public record Overview(
        String location,
        String engine,
        String journalMode,
        long sizeBytes,
        Optional<Long> walBytes,
        MigrationStatus migrations,
        Map<String, Long> tableCounts,
        boolean runstoreSchema,
        Map<String, Long> runsByStatus,
        Optional<Instant> lastEventAt,
        long eventsLastHour,
        Instant countedAt,
        Instant at) {
    /** The last hour's events are counted this far and no further. */
    public static final long LAST_HOUR_CAP = 100_000;

    public Overview {
        // Unmodifiable but in the order given (tables by name, statuses by count).
        tableCounts = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(tableCounts));
        runsByStatus = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(runsByStatus));
    }

    /** Loads the overview of {@code db} as of {@code now}. Read-only. */
    public static Overview of(Database db, Migrator migrator, Instant now) {
        return withoutCounts(db, migrator, now).counted(db, now);
    }

    /**
     * The overview before its table counts, which on a large database are most of its cost (a
     * {@code count(*)} reads a table's smallest index whole): the console shows this at once and
     * {@link #counted} fills the counts in behind it. {@code tableCounts} is empty and {@code
     * countedAt} null until then.
     */
    public static Overview withoutCounts(Database db, Migrator migrator, Instant now) {
        MigrationStatus migrations = migrator.status(db);
        return live(db, migrations, Map.of(), TableCounts.isRunstoreSchema(db), null, now);
    }

    /** This overview with every table's rows counted as of {@code now}. */
    public Overview counted(Database db, Instant now) {
        Map<String, Long> counts = TableCounts.of(db);
        return new Overview(
                location,
                engine,
                journalMode,
                sizeBytes,
                walBytes,
                migrations,
                counts,
                runstoreSchema,
                runsByStatus,
                lastEventAt,
                eventsLastHour,
                now,
                at);
    }

    /**
     * This overview with its cheap figures read again (sizes, runs by status, the last event, the
     * last hour: indexed reads of a few rows), keeping the migration status and the table counts,
     * whose {@code count(*)} over ten million events would cost the live refresh most of a second.
     */
    public Overview refreshed(Database db, Instant now) {
        return live(db, migrations, tableCounts, runstoreSchema, countedAt, now);
    }

    private static Overview live(
            Database db,
            MigrationStatus migrations,
            Map<String, Long> counts,
            boolean runstore,
            Instant countedAt,
            Instant now) {
        return db.read(h -> {
            Map<String, Long> byStatus = new LinkedHashMap<>();
            Optional<Instant> last = Optional.empty();
            long lastHour = 0;
            if (runstore) {
                h.createQuery("SELECT status, count(*) AS n FROM runs GROUP BY status ORDER BY n DESC, status")
                        .map((rs, ctx) -> Map.entry(rs.getString("status"), rs.getLong("n")))
                        .forEach(e -> byStatus.put(e.getKey(), e.getValue()));
                // Both served by events_ts_idx: the last entry, and a range of the last hour.
                last = Optional.ofNullable(h.createQuery("SELECT max(ts) FROM events")
                        .mapTo(Instant.class)
                        .one());
                // Capped: while ingesters write fast the last hour holds millions of events, and the
                // live refresh re-reads this every few seconds.
                lastHour = h.createQuery(
                                "SELECT count(*) FROM (SELECT 1 AS one FROM events WHERE ts >= :since LIMIT :cap) AS h")
                        .bind("since", db.engine().timeArgument(now.minus(Duration.ofHours(1))))
                        .bind("cap", LAST_HOUR_CAP + 1)
                        .mapTo(Long.class)
                        .one();
            }
            return new Overview(
                    db.location(),
                    db.engine().version(h),
                    db.engine().journalMode(h),
                    db.engine().sizeOnDisk(h),
                    db.engine().walSize(),
                    migrations,
                    counts,
                    runstore,
                    byStatus,
                    last,
                    lastHour,
                    countedAt,
                    now);
        });
    }
}
