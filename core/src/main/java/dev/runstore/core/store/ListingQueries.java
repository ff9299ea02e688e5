package dev.runstore.core.store;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Every listing query the CLI and the console run, with the index each one needs. The repositories
 * run exactly these strings; the index checks ({@code EXPLAIN QUERY PLAN} in tests and in the
 * admin {@code check}) inspect exactly these strings. The SQL is portable (no SQLite-only syntax).
 */
public final class ListingQueries {
    /** The indexes the schema must have, as the migrations create them. */
    public static final List<IndexSpec> EXPECTED_INDEXES = List.of(
            new IndexSpec("runs_started_at_idx", "runs", List.of("started_at", "id"), false),
            new IndexSpec("runs_status_started_at_idx", "runs", List.of("status", "started_at", "id"), false),
            new IndexSpec("events_run_seq_idx", "events", List.of("run_id", "seq"), true),
            new IndexSpec("events_run_ts_idx", "events", List.of("run_id", "ts", "seq"), false),
            new IndexSpec("events_ts_idx", "events", List.of("ts", "seq"), false),
            new IndexSpec("events_level_ts_idx", "events", List.of("level", "ts", "seq"), false),
            new IndexSpec("events_out_of_line_idx", "events", List.of("payload_sha256", "payload_uri"), false));

    /**
     * A page of the distinct out-of-line payloads after ({@code :sha}, {@code :uri}), for {@code
     * check}: keyset paging over the partial index, whose size is the out-of-line events only.
     */
    static final String OUT_OF_LINE_PAYLOADS = "SELECT DISTINCT payload_sha256, payload_uri FROM events"
            + " WHERE payload_uri IS NOT NULL AND (payload_sha256, payload_uri) > (:sha, :uri)"
            + " ORDER BY payload_sha256, payload_uri LIMIT :limit";

    static final String RUN_COLUMNS =
            "r.id, r.name, r.source, r.status, r.started_at, r.finished_at, r.params, r.params_sha256, r.stats";
    static final String EVENT_COLUMNS = "e.id, e.run_id, r.name AS run_name, e.seq, e.ts, e.level, e.kind, e.message,"
            + " e.message_length, e.payload, e.payload_uri, e.payload_sha256";

    /** How one run's events are ordered. */
    public enum EventOrder {
        /** By seq, oldest first. */
        SEQ,
        /** By time (then seq), oldest first. */
        TIME,
        /** By time (then seq), newest first. */
        NEWEST_FIRST
    }

    /** A listing query, its named parameters with sample values, and the index it must use. */
    public record Query(String name, String sql, Map<String, Object> sampleParameters, String index) {}

    private ListingQueries() {}

    /** Recent runs, newest first; with {@code byStatus} only those of one status ({@code :status}). */
    public static String recentRuns(boolean byStatus) {
        return "SELECT " + RUN_COLUMNS + " FROM runs r" + (byStatus ? " WHERE r.status = :status" : "")
                + " ORDER BY r.started_at DESC, r.id DESC LIMIT :limit";
    }

    /** One run's events ({@code :run}) at or above {@code minLevel}, in {@code order}. */
    public static String runEvents(EventOrder order, Level minLevel) {
        String orderBy = switch (order) {
            case SEQ -> "e.seq";
            case TIME -> "e.ts, e.seq";
            case NEWEST_FIRST -> "e.ts DESC, e.seq DESC";
        };
        return "SELECT " + EVENT_COLUMNS + " FROM events e JOIN runs r ON r.id = e.run_id WHERE e.run_id = :run"
                + levelFilter(minLevel) + " ORDER BY " + orderBy + " LIMIT :limit";
    }

    /**
     * The event counts of the runs {@link #recentRuns} lists ({@code :limit}, and {@code :status}
     * with {@code byStatus}), of the events through id {@code :through}: one grouped query over the
     * runs' index ranges instead of one count per run. The bound keeps the counts exact where each
     * statement sees its own snapshot (PostgreSQL's READ COMMITTED): what commits later is counted
     * by the next listing's range of added events, once.
     */
    public static String recentRunsEventCounts(boolean byStatus) {
        return "SELECT e.run_id, count(*) AS events FROM events e WHERE e.run_id IN (SELECT r.id FROM runs r"
                + (byStatus ? " WHERE r.status = :status" : "")
                // e.id + 0: the bound must not look like a range of the primary key to the planner
                // (PostgreSQL would scan that key instead of each run's events_run_seq_idx range).
                + " ORDER BY r.started_at DESC, r.id DESC LIMIT :limit) AND e.id + 0 <= :through GROUP BY e.run_id";
    }

    /** The newest event's and run's ids: what counts made now are counted through. */
    public static final String COUNTED_THROUGH =
            "SELECT (SELECT coalesce(max(e.id), 0) FROM events e) AS events, (SELECT coalesce(max(r.id), 0) FROM runs r) AS runs";

    /**
     * Events added since a count ({@code :after} to {@code :through}), per run: a range of the
     * rowid (the primary key), so a live refresh costs what was written since, however many events
     * there are. Not in {@link #all}: no secondary index serves it, the table's own key does.
     */
    public static final String EVENT_COUNTS_ADDED =
            "SELECT e.run_id, count(*) AS events FROM events e WHERE e.id > :after AND e.id <= :through GROUP BY e.run_id";

    /** Every event of one run ({@code :run}), counted on its index range alone. */
    static final String RUN_EVENT_TOTAL = "SELECT count(*) FROM events e WHERE e.run_id = :run";

    /**
     * A page of one run's events ({@code :run}) that pass a filter, newest first for {@code NEWEST}
     * and {@code OLDER}, oldest first for {@code NEWER} and {@code OLDEST} (the caller reverses
     * those). {@code OLDER} and {@code NEWER} are keyset pages after the anchor ({@code :ts}, {@code
     * :seq}): each walks the (run_id, ts, seq) index from the anchor, never an OFFSET from the top.
     * With {@code search}, {@code :pattern} is a lower-cased LIKE pattern escaped with {@link #LIKE_ESCAPE}.
     */
    public static String runEventsPage(EventPage.Go go, Level minLevel, boolean search) {
        String keyset = switch (go) {
            case NEWEST, OLDEST -> "";
            case OLDER -> " AND (e.ts, e.seq) < (:ts, :seq)";
            case NEWER -> " AND (e.ts, e.seq) > (:ts, :seq)";
        };
        String order = go == EventPage.Go.NEWEST || go == EventPage.Go.OLDER ? "e.ts DESC, e.seq DESC" : "e.ts, e.seq";
        return "SELECT " + EVENT_COLUMNS + " FROM events e JOIN runs r ON r.id = e.run_id WHERE e.run_id = :run"
                + levelFilter(minLevel) + (search ? SEARCH_FILTER : "") + keyset + " ORDER BY " + order
                + " LIMIT :limit";
    }

    /**
     * One run's newest events ({@code :run}) that pass a filter, newest first, at most {@code
     * :limit}; {@code anchored}, only those after ({@code :ts}, {@code :seq}). It walks the (run_id,
     * ts, seq) index down from the top and stops at the anchor, so it reads only what came after it.
     */
    static String runEventsAbove(Level minLevel, boolean search, boolean anchored) {
        return "SELECT " + EVENT_COLUMNS + " FROM events e JOIN runs r ON r.id = e.run_id WHERE e.run_id = :run"
                + levelFilter(minLevel) + (search ? SEARCH_FILTER : "") + (anchored ? ABOVE : "")
                + " ORDER BY e.ts DESC, e.seq DESC LIMIT :limit";
    }

    /** How many of one run's events after ({@code :ts}, {@code :seq}) pass a filter, up to {@code :cap}. */
    static String runEventsAboveCount(Level minLevel, boolean search) {
        return "SELECT count(*) FROM (SELECT 1 FROM events e WHERE e.run_id = :run" + levelFilter(minLevel)
                + (search ? SEARCH_FILTER : "") + ABOVE + " LIMIT :cap) above";
    }

    private static final String ABOVE = " AND (e.ts, e.seq) > (:ts, :seq)";

    /**
     * Counts, in the next {@code :chunk} events of one run after seq {@code :after}, how many were
     * read ({@code scanned}), the last seq read ({@code last_seq}) and how many pass the filter
     * ({@code matched}). A filtered count walks the run in such chunks so it can stop at a time
     * budget or on cancel between them, and say "at least N" instead of holding the reader.
     */
    public static String runEventsMatchingChunk(Level minLevel, boolean search) {
        String filter = levelFilter(minLevel, "chunk") + (search ? searchFilter("chunk") : "");
        String matched = filter.isEmpty()
                ? "count(*)"
                : "sum(CASE WHEN " + filter.substring(" AND ".length()) + " THEN 1 ELSE 0 END)";
        return "SELECT count(*) AS scanned, max(chunk.seq) AS last_seq, coalesce(" + matched + ", 0) AS matched FROM"
                + " (SELECT e.seq, e.level, e.kind, e.message FROM events e WHERE e.run_id = :run AND e.seq > :after"
                + " ORDER BY e.seq LIMIT :chunk) chunk";
    }

    /** The escape character of the search's LIKE pattern: not a backslash, which Jdbi's parser reads itself. */
    static final char LIKE_ESCAPE = '!';

    private static final String SEARCH_FILTER = searchFilter("e");

    private static String searchFilter(String alias) {
        return " AND (lower(" + alias + ".message) LIKE :pattern ESCAPE '" + LIKE_ESCAPE + "' OR lower(" + alias
                + ".kind) LIKE :pattern ESCAPE '" + LIKE_ESCAPE + "')";
    }

    /**
     * Recent events across runs at or above {@code minLevel}, newest first. Above debug it is a
     * UNION ALL of one index range walk per level, each stopping after {@code :limit} rows, so it
     * stays fast whether the level is common or rare.
     */
    public static String recentEvents(Level minLevel) {
        if (minLevel == Level.DEBUG) {
            return "SELECT " + EVENT_COLUMNS + " FROM events e JOIN runs r ON r.id = e.run_id"
                    + " ORDER BY e.ts DESC, e.seq DESC LIMIT :limit";
        }
        String perLevel = minLevel.andAbove().stream()
                .map(level -> "SELECT * FROM (SELECT * FROM events WHERE level = '" + level.label()
                        + "' ORDER BY ts DESC, seq DESC LIMIT :limit) AS " + level.label())
                .collect(Collectors.joining(" UNION ALL "));
        return "SELECT " + EVENT_COLUMNS + " FROM (" + perLevel + ") AS e JOIN runs r ON r.id = e.run_id"
                + " ORDER BY e.ts DESC, e.seq DESC LIMIT :limit";
    }

    /** Every listing query with sample parameters and its expected index, for the index checks. */
    public static List<Query> all() {
        Map<String, Object> limit = Map.of("limit", 50);
        Map<String, Object> run = Map.of("run", 1L, "limit", 50);
        // An Instant binds as each engine stores times (UtcTimePlugin): text on SQLite, TIMESTAMP on PostgreSQL.
        Map<String, Object> page =
                Map.of("run", 1L, "ts", java.time.Instant.parse("2026-11-27T09:00:00Z"), "seq", 100L, "limit", 201);
        return List.of(
                new Query("recent runs", recentRuns(false), limit, "runs_started_at_idx"),
                new Query(
                        "recent runs by status",
                        recentRuns(true),
                        Map.of("status", "failed", "limit", 20),
                        "runs_status_started_at_idx"),
                new Query("one run's events by seq", runEvents(EventOrder.SEQ, Level.DEBUG), run, "events_run_seq_idx"),
                new Query(
                        "one run's events by time", runEvents(EventOrder.TIME, Level.DEBUG), run, "events_run_ts_idx"),
                new Query(
                        "one run's newest events at or above warning",
                        runEvents(EventOrder.NEWEST_FIRST, Level.WARNING),
                        run,
                        "events_run_ts_idx"),
                new Query("recent events", recentEvents(Level.DEBUG), limit, "events_ts_idx"),
                new Query(
                        "recent events at or above warning", recentEvents(Level.WARNING), limit, "events_level_ts_idx"),
                new Query("recent errors", recentEvents(Level.ERROR), limit, "events_level_ts_idx"),
                new Query(
                        "event counts of recent runs",
                        recentRunsEventCounts(false),
                        Map.of("limit", 20, "through", Long.MAX_VALUE),
                        "events_run_seq_idx"),
                new Query(
                        "event counts of recent runs by status",
                        recentRunsEventCounts(true),
                        Map.of("status", "failed", "limit", 20, "through", Long.MAX_VALUE),
                        "events_run_seq_idx"),
                new Query("one run's event count", RUN_EVENT_TOTAL, Map.of("run", 1L), "events_run_seq_idx"),
                new Query(
                        "one run's newest page of events matching a search",
                        runEventsPage(EventPage.Go.NEWEST, Level.DEBUG, true),
                        Map.of("run", 1L, "pattern", "%step%", "limit", 201),
                        "events_run_ts_idx"),
                new Query(
                        "one run's older page of events at or above warning",
                        runEventsPage(EventPage.Go.OLDER, Level.WARNING, false),
                        page,
                        "events_run_ts_idx"),
                new Query(
                        "one run's newer page of events",
                        runEventsPage(EventPage.Go.NEWER, Level.DEBUG, false),
                        page,
                        "events_run_ts_idx"),
                new Query(
                        "one run's oldest page of events",
                        runEventsPage(EventPage.Go.OLDEST, Level.DEBUG, false),
                        run,
                        "events_run_ts_idx"),
                new Query(
                        "a chunk of one run's events counted against a filter",
                        runEventsMatchingChunk(Level.INFO, true),
                        Map.of("run", 1L, "after", 0L, "chunk", 50_000, "pattern", "%step%"),
                        "events_run_seq_idx"),
                new Query(
                        "out-of-line payloads (check)",
                        OUT_OF_LINE_PAYLOADS,
                        Map.of("sha", "", "uri", "", "limit", 200),
                        "events_out_of_line_idx"));
    }

    private static String levelFilter(Level minLevel) {
        return levelFilter(minLevel, "e");
    }

    private static String levelFilter(Level minLevel, String alias) {
        if (minLevel == Level.DEBUG) {
            return "";
        }
        return " AND " + alias + ".level IN ("
                + minLevel.andAbove().stream().map(l -> "'" + l.label() + "'").collect(Collectors.joining(", ")) + ")";
    }
}
