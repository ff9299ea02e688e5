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
    static void requireSchema(Database db) {
        if (!TableCounts.of(db).containsKey("events")) {
            throw new IncompatibleDatabaseException(
                    "database \"" + db.location()
                            + "\" has no runstore schema yet (it was never migrated); migrate it first to create runs and events");
        }
    }

    /**
     * The newest runs (by started_at), optionally of one status, with their event counts: the runs
     * and their counts come from one grouped query in the same read transaction, so each count is
     * of the listing's moment (not one count(*) per run).
     */
    public static List<RunSummary> recentRuns(Database db, Optional<RunStatus> status, int limit) {
        requireSchema(db);
        Runs runs = new Runs(db);
        return db.read(h -> {
            List<Run> listed = runs.listRecent(h, status, limit);
            var counting = h.createQuery(ListingQueries.recentRunsEventCounts(status.isPresent()))
                    .bind("limit", limit);
            status.ifPresent(s -> counting.bind("status", s.label()));
            Map<Long, Long> counts = new HashMap<>();
            counting.map((rs, ctx) -> Map.entry(rs.getLong("run_id"), rs.getLong("events")))
                    .forEach(e -> counts.put(e.getKey(), e.getValue()));
            return listed.stream()
                    .map(run -> new RunSummary(run, counts.getOrDefault(run.id(), 0L)))
                    .toList();
        });
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
