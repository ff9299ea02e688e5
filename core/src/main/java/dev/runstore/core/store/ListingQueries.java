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
                        "out-of-line payloads (check)",
                        OUT_OF_LINE_PAYLOADS,
                        Map.of("sha", "", "uri", "", "limit", 200),
                        "events_out_of_line_idx"));
    }

    private static String levelFilter(Level minLevel) {
        if (minLevel == Level.DEBUG) {
            return "";
        }
        return " AND e.level IN ("
                + minLevel.andAbove().stream().map(l -> "'" + l.label() + "'").collect(Collectors.joining(", ")) + ")";
    }
}
