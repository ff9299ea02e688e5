package dev.runstore.core.admin;

import dev.runstore.core.catalog.TableCounts;
import dev.runstore.core.db.Database;
import dev.runstore.core.error.IncompatibleDatabaseException;
import dev.runstore.core.store.Event;
import dev.runstore.core.store.Events;
import dev.runstore.core.store.Level;
import dev.runstore.core.store.ListingQueries;
import dev.runstore.core.store.ListingQueries.EventOrder;
import dev.runstore.core.store.Run;
import dev.runstore.core.store.RunStatus;
import dev.runstore.core.store.Runs;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Recent runs and events, as the CLI's {@code runs} and {@code events} and the console list them. */
public final class Listings {
    private Listings() {}

    /** A database that was never migrated has no runs to list: say so instead of "no such table". */
    public static void requireSchema(Database db) {
        // The catalog alone: counting every table's rows (TableCounts.of) would cost a count(*) of
        // every event on each listing.
        if (!TableCounts.isRunstoreSchema(db)) {
            throw new IncompatibleDatabaseException(
                    "database \"" + db.location()
                            + "\" has no runstore schema yet (it was never migrated); migrate it first to create runs and events");
        }
    }

    /**
     * The newest runs (by started_at), optionally of one status, with their event counts: the runs
     * and their counts come from one read transaction, the counts from one grouped query (not one
     * count(*) per run), so each count is of the listing's moment.
     */
    public static List<RunSummary> recentRuns(Database db, Optional<RunStatus> status, int limit) {
        return recentRuns(db, status, limit, RunCounts.NONE).runs();
    }

    /**
     * {@link #recentRuns(Database, Optional, int)} counting only what was added since {@code known}
     * (a rowid range), for a live refresh: the first listing counts every listed run's events, a
     * following one the events written since, plus {@code known}. It counts afresh when {@code
     * known} is {@link RunCounts#NONE}, when events were removed since (a reset), or when it lists
     * a run that existed but was not counted. Deleting events of a run by hand is not seen until
     * then; callers count afresh from time to time (the console every minute).
     */
    public static RunListing recentRuns(Database db, Optional<RunStatus> status, int limit, RunCounts known) {
        requireSchema(db);
        Runs runs = new Runs(db);
        return db.read(h -> h.inTransaction(tx -> {
            List<Run> listed = runs.listRecent(tx, status, limit);
            Map<String, Object> through =
                    tx.createQuery(ListingQueries.COUNTED_THROUGH).mapToMap().one();
            long events = ((Number) through.get("events")).longValue();
            long lastRun = ((Number) through.get("runs")).longValue();
            boolean incremental = !known.equals(RunCounts.NONE)
                    && events >= known.throughEvent()
                    && listed.stream()
                            .allMatch(r ->
                                    r.id() > known.throughRun() || known.byRun().containsKey(r.id()));
            Map<Long, Long> counts = new HashMap<>();
            if (incremental) {
                listed.forEach(r -> counts.put(r.id(), known.byRun().getOrDefault(r.id(), 0L)));
                tx.createQuery(ListingQueries.EVENT_COUNTS_ADDED)
                        .bind("after", known.throughEvent())
                        .bind("through", events)
                        .map((rs, ctx) -> Map.entry(rs.getLong("run_id"), rs.getLong("events")))
                        .forEach(e -> counts.computeIfPresent(e.getKey(), (id, n) -> n + e.getValue()));
            } else {
                var counting = tx.createQuery(ListingQueries.recentRunsEventCounts(status.isPresent()))
                        .bind("limit", limit)
                        .bind("through", events);
                status.ifPresent(s -> counting.bind("status", s.label()));
                counting.map((rs, ctx) -> Map.entry(rs.getLong("run_id"), rs.getLong("events")))
                        .forEach(e -> counts.put(e.getKey(), e.getValue()));
            }
            List<RunSummary> summaries = listed.stream()
                    .map(run -> new RunSummary(run, counts.getOrDefault(run.id(), 0L)))
                    .toList();
            Map<Long, Long> kept = new HashMap<>();
            summaries.forEach(r -> kept.put(r.run().id(), r.eventCount()));
            return new RunListing(summaries, new RunCounts(kept, events, lastRun));
        }));
    }

    /**
     * The newest events (by ts, then seq) at or above {@code minLevel}: of the run named {@code
     * runName} when given, else across all runs.
     *
     * @throws dev.runstore.core.error.NotFoundException when the named run does not exist
     */
    public static List<Event> recentEvents(Database db, Optional<String> runName, Level minLevel, int limit) {
        requireSchema(db);
        Events events = new Events(db);
        if (runName.isPresent()) {
            Run run = new Runs(db).getByName(runName.get());
            return events.listForRun(run.id(), EventOrder.NEWEST_FIRST, minLevel, limit);
        }
        return events.listRecent(minLevel, limit);
    }
}
