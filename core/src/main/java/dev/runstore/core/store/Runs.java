package dev.runstore.core.store;

import dev.runstore.core.db.Database;
import dev.runstore.core.error.ConflictException;
import dev.runstore.core.error.NotFoundException;
import dev.runstore.core.error.Values;
import dev.runstore.core.json.JsonText;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** The runs repository. Every method is one short read or write. Thread-safe. */
public final class Runs {
    private static final String REMEDY = "list the runs to see which exist";

    private final Database db;

    public Runs(Database db) {
        this.db = Objects.requireNonNull(db, "db");
    }

    /**
     * Creates a running run.
     *
     * @throws ConflictException when a run with that name exists
     */
    public Run create(NewRun run) {
        JsonText params = JsonText.of(run.params()); // canonicalized before the write lock is taken
        try {
            long id = db.write(h -> h.createQuery("INSERT INTO runs (name, source, status, started_at, params,"
                            + " params_sha256) VALUES (:name, :source, :status, :started, :params, :sha) RETURNING id")
                    .bind("name", run.name())
                    .bind("source", run.source())
                    .bind("status", RunStatus.RUNNING.label())
                    .bind("started", run.startedAt())
                    .bind("params", params)
                    .bind("sha", params.sha256Hex())
                    .mapTo(Long.class)
                    .one());
            return get(id);
        } catch (ConflictException e) {
            throw new ConflictException(
                    "runs",
                    List.of("name"),
                    List.of(run.name()),
                    "a run named " + Values.quote(run.name())
                            + " already exists (runs.name is unique); choose another name or open the existing run",
                    e);
        }
    }

    /** @throws NotFoundException when there is no run with that id */
    public Run get(long id) {
        return db.read(h -> find(h, "r.id = :key", id))
                .orElseThrow(() -> NotFoundException.of("run", "id", id, REMEDY));
    }

    /** @throws NotFoundException when there is no run with that name */
    public Run getByName(String name) {
        return db.read(h -> find(h, "r.name = :key", name))
                .orElseThrow(() -> NotFoundException.of("run", "name", name, REMEDY));
    }

    /**
     * Marks a running run as finished.
     *
     * @param status succeeded, failed or cancelled
     * @param stats any value canonical JSON accepts, or null
     * @throws NotFoundException when the run does not exist
     * @throws ConflictException when it already finished
     */
    public Run finish(long id, RunStatus status, Object stats, Instant finishedAt) {
        if (status == RunStatus.RUNNING) {
            throw new IllegalArgumentException("finish a run as succeeded, failed or cancelled, not running");
        }
        Objects.requireNonNull(finishedAt, "finishedAt");
        JsonText statsJson = stats == null ? null : JsonText.of(stats);
        Optional<Run> already = db.write(h -> {
            int updated = h.createUpdate("UPDATE runs SET status = :status, finished_at = :finished, stats = :stats"
                            + " WHERE id = :id AND status = :running")
                    .bind("status", status.label())
                    .bind("finished", finishedAt)
                    .bindByType("stats", statsJson, JsonText.class)
                    .bind("id", id)
                    .bind("running", RunStatus.RUNNING.label())
                    .execute();
            return updated == 1
                    ? Optional.<Run>empty()
                    : Optional.of(find(h, "r.id = :key", id)
                            .orElseThrow(() -> NotFoundException.of("run", "id", id, REMEDY)));
        });
        if (already.isPresent()) {
            Run run = already.get();
            throw new ConflictException(
                    "runs",
                    List.of("status"),
                    List.of(run.status().label()),
                    "run " + Values.quote(run.name()) + " already finished as "
                            + run.status().label()
                            + "; a run finishes once — start a new run to record another attempt",
                    null);
        }
        return get(id);
    }

    /** The newest runs first (by started_at), optionally only those with {@code status}. */
    public List<Run> listRecent(Optional<RunStatus> status, int limit) {
        requirePositive(limit);
        return db.read(h -> listRecent(h, status, limit));
    }

    /** {@link #listRecent} inside the caller's read, for listings that read more in the same transaction. */
    public List<Run> listRecent(Handle h, Optional<RunStatus> status, int limit) {
        requirePositive(limit);
        var query = h.createQuery(ListingQueries.recentRuns(status.isPresent())).bind("limit", limit);
        status.ifPresent(s -> query.bind("status", s.label()));
        return query.map(Rows.RUN).list();
    }

    private static Optional<Run> find(Handle h, String where, Object key) {
        return h.createQuery("SELECT " + ListingQueries.RUN_COLUMNS + " FROM runs r WHERE " + where)
                .bind("key", key)
                .map(Rows.RUN)
                .findOne();
    }

    static void requirePositive(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1 (was " + limit + ")");
        }
    }
}
