package dev.runstore.core.store;

import dev.runstore.core.db.Database;
import dev.runstore.core.db.Engine;
import dev.runstore.core.error.BusyException;
import dev.runstore.core.error.CancelledException;
import dev.runstore.core.error.ConflictException;
import dev.runstore.core.error.ConstraintException;
import dev.runstore.core.error.NotFoundException;
import dev.runstore.core.error.Values;
import dev.runstore.core.json.JsonText;
import dev.runstore.core.store.ListingQueries.EventOrder;
import dev.runstore.core.time.UtcTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/**
 * The events repository. Appends are idempotent on (run, seq) and bounded: long messages are
 * truncated (keeping the original length) and large payloads are stored out of line
 * ({@link OutOfLinePayloads}). All the
 * preparation — canonical JSON, hashing, blob writes — happens before the one short write
 * transaction. Thread-safe.
 */
public final class Events {
    private static final int MAX_SKIPPED_CHECKED_PER_QUERY = 500;
    private static final int MAX_ATTEMPTS = 3;

    private final Database db;
    private final EventLimits limits;
    private final OutOfLinePayloads outOfLine;
    private final Engine engine;

    public Events(Database db) {
        this(db, EventLimits.DEFAULTS);
    }

    public Events(Database db, EventLimits limits) {
        this.db = Objects.requireNonNull(db, "db");
        this.limits = Objects.requireNonNull(limits, "limits");
        this.outOfLine = new OutOfLinePayloads(db);
        this.engine = db.engine();
    }

    /**
     * A stored row, prepared outside the transaction: everything the group leader would otherwise
     * compute under the write lock (canonical JSON, hashes, time text) is done on the caller's
     * thread, where many callers can do it at once.
     */
    private record Row(
            long seq,
            Instant ts,
            Object tsArgument,
            Level level,
            String kind,
            String message,
            int messageLength,
            JsonText payload,
            String payloadUri,
            String payloadSha256) {}

    /**
     * Appends {@code events} to run {@code runId} in one short write transaction. Events whose seq
     * is already stored with the same content are skipped; a stored seq with different content
     * fails the whole batch with {@link ConflictException}, because seq is the idempotency key.
     *
     * @throws NotFoundException when the run does not exist
     */
    public AppendResult append(long runId, List<NewEvent> events) {
        List<Row> rows = prepare(events);
        if (rows.isEmpty()) {
            return new AppendResult(0, 0);
        }
        // An append is idempotent, so a PostgreSQL serialization failure or deadlock (40001, 40P01)
        // is simply tried again; other busy errors, and the last attempt's, reach the caller.
        for (int attempt = 1; ; attempt++) {
            try {
                return appendOnce(runId, rows);
            } catch (ConstraintException e) {
                // The one foreign key of events is its run: cheaper than looking the run up first.
                if (e.kind() == ConstraintException.Kind.FOREIGN_KEY) {
                    throw NotFoundException.of("run", "id", runId, "create the run before appending its events");
                }
                throw e;
            } catch (BusyException e) {
                if (attempt >= MAX_ATTEMPTS || !isSerializationFailure(e)) {
                    throw e;
                }
            }
        }
    }

    private static boolean isSerializationFailure(BusyException e) {
        for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLException sql) {
                return "40001".equals(sql.getSQLState()) || "40P01".equals(sql.getSQLState());
            }
        }
        return false;
    }

    private AppendResult appendOnce(long runId, List<Row> rows) {
        return db.writeInGroup(h -> {
            int[] counts = insert(h, runId, rows);
            List<Row> skipped = new ArrayList<>();
            for (int i = 0; i < counts.length; i++) {
                if (counts[i] == 0) {
                    skipped.add(rows.get(i));
                }
            }
            requireSameContent(h, runId, skipped);
            return new AppendResult(rows.size() - skipped.size(), skipped.size());
        });
    }

    private static final String INSERT = "INSERT INTO events (run_id, seq, ts, level, kind, message, message_length,"
            + " payload, payload_uri, payload_sha256) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
            + " ON CONFLICT (run_id, seq) DO NOTHING";

    /**
     * The rows' INSERT as one JDBC batch on the writer's cached statement. Plain JDBC, not a Jdbi
     * PreparedBatch: Jdbi's binding (an argument factory looked up per value, per unit) took 18 of
     * the 28 microseconds a one-event unit spent under the write lock (issue 18), and this runs
     * under it. Returns each row's update count.
     */
    private int[] insert(Handle h, long runId, List<Row> rows) {
        var statements = h.getStatementBuilder();
        try {
            java.sql.PreparedStatement insert = statements.create(h.getConnection(), INSERT, null);
            try {
                for (Row row : rows) {
                    insert.setLong(1, runId);
                    insert.setLong(2, row.seq());
                    engine.bindTime(insert, 3, row.tsArgument());
                    insert.setString(4, row.level().label());
                    insert.setString(5, row.kind());
                    insert.setString(6, row.message());
                    insert.setInt(7, row.messageLength());
                    insert.setString(
                            8, row.payload() == null ? null : row.payload().json());
                    insert.setString(9, row.payloadUri());
                    insert.setString(10, row.payloadSha256());
                    insert.addBatch();
                }
                return insert.executeBatch();
            } finally {
                statements.close(h.getConnection(), INSERT, insert);
            }
        } catch (java.sql.SQLException e) {
            // What Jdbi would have thrown: Database translates it into runstore's errors.
            throw new org.jdbi.v3.core.statement.UnableToExecuteStatementException(e, null);
        }
    }

    /** One run's events at or above {@code minLevel}, in {@code order}, at most {@code limit}. */
    public List<Event> listForRun(long runId, EventOrder order, Level minLevel, int limit) {
        Runs.requirePositive(limit);
        return db.read(h -> h.createQuery(ListingQueries.runEvents(order, minLevel))
                .bind("run", runId)
                .bind("limit", limit)
                .map(Rows.EVENT)
                .list());
    }

    /** How many events one chunk of a filtered count reads before it looks at the clock again. */
    static final int COUNT_CHUNK = 50_000;

    /** How long a filtered count may take before it answers "at least N". */
    public static final Duration COUNT_BUDGET = Duration.ofSeconds(2);

    /**
     * A page of run {@code runId}'s events that pass {@code filter}, newest first, with the run's
     * count and the filtered count read in the same read transaction. Paging is keyset on (ts, seq)
     * from {@code anchor}: the last event of the page shown for {@code OLDER}, its first for {@code
     * NEWER} (ignored for {@code NEWEST} and {@code OLDEST}). A {@code NEWER} page that would come
     * up short is the newest page instead, so a page is full whenever the run has enough events.
     * The filtered count stops after {@link #COUNT_BUDGET} with a lower bound ({@code
     * matchingExact} false); an interrupted thread stops it between chunks with {@link
     * CancelledException}.
     */
    public EventPage page(long runId, EventFilter filter, EventPage.Go go, Event anchor, int size) {
        return page(runId, filter, go, anchor, size, COUNT_BUDGET);
    }

    /** {@link #page} with its own count budget. */
    public EventPage page(long runId, EventFilter filter, EventPage.Go go, Event anchor, int size, Duration budget) {
        Runs.requirePositive(size);
        if ((go == EventPage.Go.OLDER || go == EventPage.Go.NEWER) && anchor == null) {
            throw new IllegalArgumentException(go + " needs the event to page from");
        }
        return db.read(h -> {
            List<Event> fetched = pageQuery(h, runId, filter, go, anchor, size + 1);
            EventPage.Go shown = go;
            if (go == EventPage.Go.NEWER && fetched.size() <= size) {
                shown = EventPage.Go.NEWEST;
                fetched = pageQuery(h, runId, filter, shown, null, size + 1);
            }
            boolean more = fetched.size() > size;
            List<Event> events = new ArrayList<>(fetched.subList(0, Math.min(size, fetched.size())));
            boolean ascending = shown == EventPage.Go.NEWER || shown == EventPage.Go.OLDEST;
            if (ascending) {
                java.util.Collections.reverse(events);
            }
            boolean hasOlder = switch (shown) {
                case NEWEST, OLDER -> more;
                case NEWER -> true;
                case OLDEST -> false;
            };
            boolean hasNewer = switch (shown) {
                case NEWEST -> false;
                case OLDER -> true;
                case NEWER, OLDEST -> more;
            };
            long total = h.createQuery(ListingQueries.RUN_EVENT_TOTAL)
                    .bind("run", runId)
                    .mapTo(Long.class)
                    .one();
            if (filter.isAll()) {
                return new EventPage(events, total, total, true, hasOlder, hasNewer);
            }
            long[] counted = countMatching(h, runId, filter, budget);
            return new EventPage(events, total, counted[0], counted[1] == 1, hasOlder, hasNewer);
        });
    }

    /**
     * The events of a run written after an event on screen, as {@link #newer} reads them.
     *
     * @param events the newest of them, newest first, at most the limit asked for
     * @param count how many there are, counted no further than the cap asked for
     * @param countExact false when the count stopped at the cap (it is then a lower bound)
     */
    public record Newer(List<Event> events, long count, boolean countExact) {
        public Newer {
            events = List.copyOf(events);
        }
    }

    /**
     * Run {@code runId}'s newest events that pass {@code filter} and come after {@code anchor} on
     * (ts, seq) — with a null anchor, its newest — newest first, at most {@code limit}, and how many
     * come after the anchor, counted up to {@code countCap}; one read transaction. No count of the
     * whole run: it reads only the index range above the anchor, so following a run's newest events
     * costs what was written since the last look, however long the run is.
     */
    public Newer newer(long runId, EventFilter filter, Event anchor, int limit, long countCap) {
        Runs.requirePositive(limit);
        return db.read(h -> {
            var query = h.createQuery(
                            ListingQueries.runEventsAbove(filter.minLevel(), filter.hasSearch(), anchor != null))
                    .bind("run", runId)
                    .bind("limit", limit);
            bindFilterAndAnchor(query, filter, anchor);
            List<Event> events = query.map(Rows.EVENT).list();
            if (events.size() < limit || anchor == null) {
                return new Newer(events, events.size(), events.size() < limit);
            }
            var count = h.createQuery(ListingQueries.runEventsAboveCount(filter.minLevel(), filter.hasSearch()))
                    .bind("run", runId)
                    .bind("cap", Math.max(countCap, limit));
            bindFilterAndAnchor(count, filter, anchor);
            long counted = count.mapTo(Long.class).one();
            return new Newer(events, counted, counted < Math.max(countCap, limit));
        });
    }

    private void bindFilterAndAnchor(org.jdbi.v3.core.statement.Query query, EventFilter filter, Event anchor) {
        if (filter.hasSearch()) {
            query.bind("pattern", filter.likePattern());
        }
        if (anchor != null) {
            query.bind("ts", engine.timeArgument(anchor.ts())).bind("seq", anchor.seq());
        }
    }

    private List<Event> pageQuery(Handle h, long runId, EventFilter filter, EventPage.Go go, Event anchor, int limit) {
        var query = h.createQuery(ListingQueries.runEventsPage(go, filter.minLevel(), filter.hasSearch()))
                .bind("run", runId)
                .bind("limit", limit);
        if (filter.hasSearch()) {
            query.bind("pattern", filter.likePattern());
        }
        if (go == EventPage.Go.OLDER || go == EventPage.Go.NEWER) {
            query.bind("ts", engine.timeArgument(anchor.ts())).bind("seq", anchor.seq());
        }
        return query.map(Rows.EVENT).list();
    }

    /** {matching, 1 when exact}: the run walked by seq in chunks, the clock read between them. */
    private static long[] countMatching(Handle h, long runId, EventFilter filter, Duration budget) {
        long deadline = System.nanoTime() + budget.toNanos();
        String sql = ListingQueries.runEventsMatchingChunk(filter.minLevel(), filter.hasSearch());
        long matched = 0;
        long after = Long.MIN_VALUE;
        while (true) {
            if (Thread.currentThread().isInterrupted()) {
                throw new CancelledException("counting the events was cancelled", null);
            }
            var query =
                    h.createQuery(sql).bind("run", runId).bind("after", after).bind("chunk", COUNT_CHUNK);
            if (filter.hasSearch()) {
                query.bind("pattern", filter.likePattern());
            }
            long[] chunk = query.map((rs, ctx) ->
                            new long[] {rs.getLong("scanned"), rs.getLong("last_seq"), rs.getLong("matched")})
                    .one();
            matched += chunk[2];
            if (chunk[0] < COUNT_CHUNK) {
                return new long[] {matched, 1};
            }
            after = chunk[1];
            if (System.nanoTime() > deadline) {
                return new long[] {matched, 0};
            }
        }
    }

    /** The newest events across all runs at or above {@code minLevel}, at most {@code limit}. */
    public List<Event> listRecent(Level minLevel, int limit) {
        Runs.requirePositive(limit);
        return db.read(h -> h.createQuery(ListingQueries.recentEvents(minLevel))
                .bind("limit", limit)
                .map(Rows.EVENT)
                .list());
    }

    /**
     * An event's payload, inline or read from where it is stored out of line and checked against its
     * SHA-256; null only when the event has no payload.
     *
     * @throws dev.runstore.core.error.IncompatibleDatabaseException when an out-of-line payload is
     *     missing or does not match its hash (the message names the event and the hash)
     */
    public JsonText payload(Event event) {
        return payloads(List.of(event)).get(0);
    }

    /**
     * {@link #payload} for each of {@code events} (in their order), reading the out-of-line ones
     * in one read transaction.
     */
    public List<JsonText> payloads(List<Event> events) {
        if (events.stream().noneMatch(Events::isOutOfLine)) {
            return events.stream().map(Event::payload).toList(); // nothing to read: no transaction
        }
        return db.read(h -> {
            List<JsonText> payloads = new ArrayList<>(events.size());
            for (Event e : events) {
                payloads.add(isOutOfLine(e) ? outOfLine.read(h, e) : e.payload());
            }
            return payloads;
        });
    }

    private static boolean isOutOfLine(Event e) {
        return e.payload() == null && e.payloadUri() != null;
    }

    /**
     * Checks every distinct out-of-line payload the events refer to: for {@code check}.
     *
     * @param maxNamed how many failures to describe (the events they belong to, the expected hash)
     * @param readContents read each payload once and check its SHA-256; without, only check that
     *     each is there (no payload bytes read: what a console refreshing every few seconds can
     *     afford)
     */
    public PayloadAudit verifyOutOfLinePayloads(int maxNamed, boolean readContents) {
        return db.read(h -> outOfLine.verify(h, maxNamed, readContents));
    }

    private List<Row> prepare(List<NewEvent> events) {
        Set<Long> seen = new HashSet<>();
        List<Row> rows = new ArrayList<>(events.size());
        for (NewEvent event : events) {
            if (!seen.add(event.seq())) {
                throw new IllegalArgumentException(
                        "seq " + event.seq() + " appears twice in one batch; each event of a run needs its own seq");
            }
            String message = event.message();
            int length = message.codePointCount(0, message.length());
            if (length > limits.maxMessageCodePoints()) {
                message = message.substring(0, message.offsetByCodePoints(0, limits.maxMessageCodePoints()));
            }
            JsonText payload = null;
            String uri = null;
            String sha = null;
            if (event.payload() != null) {
                JsonText canonical = JsonText.of(event.payload());
                byte[] bytes = canonical.bytes();
                sha = canonical.sha256Hex();
                if (bytes.length > limits.maxInlinePayloadBytes()) {
                    uri = outOfLine.store(canonical);
                } else {
                    payload = canonical;
                }
            }
            Instant ts = UtcTime.normalize(event.ts());
            rows.add(new Row(
                    event.seq(),
                    ts,
                    engine.timeArgument(ts),
                    event.level(),
                    event.kind(),
                    message,
                    length,
                    payload,
                    uri,
                    sha));
        }
        return rows;
    }

    /** A skipped seq must hold the same event: a different one means two writers disagree on seq. */
    private static void requireSameContent(Handle h, long runId, List<Row> skipped) {
        for (int from = 0; from < skipped.size(); from += MAX_SKIPPED_CHECKED_PER_QUERY) {
            List<Row> chunk = skipped.subList(from, Math.min(skipped.size(), from + MAX_SKIPPED_CHECKED_PER_QUERY));
            Map<Long, Row> bySeq = new HashMap<>();
            chunk.forEach(row -> bySeq.put(row.seq(), row));
            List<Event> stored = h.createQuery(
                            "SELECT " + ListingQueries.EVENT_COLUMNS
                                    + " FROM events e JOIN runs r ON r.id = e.run_id WHERE e.run_id = :run AND e.seq IN (<seqs>)")
                    .bind("run", runId)
                    .bindList("seqs", new ArrayList<>(bySeq.keySet()))
                    .map(Rows.EVENT)
                    .list();
            for (Event existing : stored) {
                Row attempted = bySeq.get(existing.seq());
                boolean same = existing.ts().equals(attempted.ts())
                        && existing.level() == attempted.level()
                        && existing.kind().equals(attempted.kind())
                        && existing.message().equals(attempted.message())
                        && existing.messageLength() == attempted.messageLength()
                        && Objects.equals(existing.payloadSha256(), attempted.payloadSha256());
                if (!same) {
                    throw new ConflictException(
                            "events",
                            List.of("run_id", "seq"),
                            List.of(runId, existing.seq()),
                            "event seq " + existing.seq() + " of run " + Values.quote(existing.runName())
                                    + " already exists with different content ((run_id, seq) is the idempotency"
                                    + " key); give the new event its own seq, or resend exactly the stored one",
                            null);
                }
            }
        }
    }
}
