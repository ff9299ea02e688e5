package dev.runstore.core.admin;

import dev.runstore.core.catalog.TableCounts;
import dev.runstore.core.db.Database;
import dev.runstore.core.error.IncompatibleDatabaseException;
import dev.runstore.core.store.Event;
import dev.runstore.core.store.Events;
import dev.runstore.core.store.Level;
import dev.runstore.core.store.ListingQueries.EventOrder;
import dev.runstore.core.store.Run;
import dev.runstore.core.store.RunStatus;
import dev.runstore.core.store.Runs;
import java.util.List;
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

    /** The newest runs (by started_at), optionally of one status, with their event counts. */
    public static List<RunSummary> recentRuns(Database db, Optional<RunStatus> status, int limit) {
        requireSchema(db);
        List<Run> runs = new Runs(db).listRecent(status, limit);
        return db.read(h -> runs.stream()
                .map(run -> new RunSummary(
                        run,
                        h.createQuery("SELECT count(*) FROM events WHERE run_id = :run")
                                .bind("run", run.id())
                                .mapTo(Long.class)
                                .one()))
                .toList());
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
