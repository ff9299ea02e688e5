package dev.runstore.core.admin;

import dev.runstore.core.db.Database;
import dev.runstore.core.db.Dialect;
import dev.runstore.core.store.IndexSpec;
import dev.runstore.core.store.ListingQueries;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Handle;

/**
 * Checks that the indexes the listing queries need exist with the right columns ({@code PRAGMA
 * index_list} / {@code index_xinfo}) and that SQLite's planner really uses them ({@code EXPLAIN
 * QUERY PLAN}): a listing query that scans the whole events table gets slower with every event.
 */
public final class IndexChecks {
    /** "SCAN e" reads a table (or a subquery's rows) front to back without an index. */
    private static final Pattern SCAN = Pattern.compile("^SCAN (\\w+)$");

    private static final Pattern CO_ROUTINE = Pattern.compile("^CO-ROUTINE (\\w+)$");

    private IndexChecks() {}

    /** One result per expected index and one per listing query. Read-only. */
    public static List<CheckResult> run(Database db) {
        boolean postgres = db.dialect() == Dialect.POSTGRESQL;
        return db.read(h -> {
            List<CheckResult> results = new ArrayList<>();
            for (IndexSpec spec : ListingQueries.EXPECTED_INDEXES) {
                results.add(checkIndex(h, spec, postgres));
            }
            for (ListingQueries.Query query : ListingQueries.all()) {
                results.add(checkPlan(h, query, postgres));
            }
            return results;
        });
    }

    /** The plan SQLite chooses for {@code query}, one line per step. */
    public static List<String> plan(Database db, ListingQueries.Query query) {
        return db.read(h -> plan(h, query, db.dialect() == Dialect.POSTGRESQL));
    }

    private static final String PG_UNIQUE = "SELECT i.indisunique FROM pg_index i JOIN pg_class c ON c.oid ="
            + " i.indexrelid JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_class t ON t.oid = i.indrelid"
            + " WHERE n.nspname = current_schema() AND c.relname = :name AND t.relname = :table";
    private static final String PG_COLUMNS = "SELECT a.attname FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid"
            + " JOIN pg_namespace n ON n.oid = c.relnamespace CROSS JOIN LATERAL unnest(i.indkey::int2[]) WITH"
            + " ORDINALITY AS k(attnum, ord) JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum"
            + " WHERE n.nspname = current_schema() AND c.relname = :name ORDER BY k.ord";

    private static CheckResult checkIndex(Handle h, IndexSpec spec, boolean postgres) {
        String name = "index " + spec.name();
        Optional<Boolean> unique = h.createQuery(
                        postgres ? PG_UNIQUE : "SELECT \"unique\" FROM pragma_index_list(:table) WHERE name = :name")
                .bind("table", spec.table())
                .bind("name", spec.name())
                .mapTo(Boolean.class)
                .findOne();
        if (unique.isEmpty()) {
            return CheckResult.fail(
                    name, "missing on " + spec.table() + spec.columns() + "; migrate the database to create it");
        }
        List<String> columns = h.createQuery(
                        postgres
                                ? PG_COLUMNS
                                : "SELECT name FROM pragma_index_xinfo(:name) WHERE key = 1 ORDER BY seqno")
                .bind("name", spec.name())
                .mapTo(String.class)
                .list();
        if (!columns.equals(spec.columns()) || unique.get() != spec.unique()) {
            return CheckResult.fail(
                    name,
                    "has columns " + columns + (unique.get() ? " (unique)" : "") + " but should have " + spec.columns()
                            + (spec.unique() ? " (unique)" : "") + "; migrate the database");
        }
        return CheckResult.pass(name, "on " + spec.table() + spec.columns() + (spec.unique() ? ", unique" : ""));
    }

    private static CheckResult checkPlan(Handle h, ListingQueries.Query query, boolean postgres) {
        String name = "query plan: " + query.name();
        List<String> plan = plan(h, query, postgres);
        // SQLite: "USING INDEX x" / "USING COVERING INDEX x"; PostgreSQL: "Index Scan using x",
        // "Bitmap Index Scan on x".
        // PostgreSQL's cost model may pick a sibling index of the same table (both start with
        // run_id); what matters there is that an index serves it and no table is scanned.
        String table = ListingQueries.EXPECTED_INDEXES.stream()
                .filter(spec -> spec.name().equals(query.index()))
                .map(IndexSpec::table)
                .findFirst()
                .orElse("");
        String acceptable = postgres
                ? ListingQueries.EXPECTED_INDEXES.stream()
                        .filter(spec -> spec.table().equals(table))
                        .map(IndexSpec::name)
                        .collect(java.util.stream.Collectors.joining("|"))
                : query.index();
        Pattern uses = Pattern.compile((postgres ? "\\b(using|on) (" : "INDEX (") + acceptable + ")\\b");
        boolean usesIndex = plan.stream().anyMatch(step -> uses.matcher(step).find());
        // Scanning a co-routine reads a bounded subquery result (a LIMITed branch), not a table.
        List<String> coRoutines = plan.stream()
                .map(step -> CO_ROUTINE.matcher(step.strip()))
                .filter(Matcher::matches)
                .map(m -> m.group(1))
                .toList();
        List<String> fullScans = postgres
                ? plan.stream().filter(step -> step.contains("Seq Scan on")).toList()
                : plan.stream()
                        .map(step -> SCAN.matcher(step.strip()))
                        .filter(m -> m.matches() && !coRoutines.contains(m.group(1)))
                        .map(Matcher::group)
                        .toList();
        if (!usesIndex || !fullScans.isEmpty()) {
            return CheckResult.fail(
                    name,
                    "expected to use " + query.index() + " without a full table scan, but the plan is: "
                            + String.join(" | ", plan)
                            + "; run the migrations, or ANALYZE if statistics mislead the planner");
        }
        return CheckResult.pass(name, "uses " + query.index());
    }

    private static List<String> plan(Handle h, ListingQueries.Query query, boolean postgres) {
        if (!postgres) {
            var explain = h.createQuery("EXPLAIN QUERY PLAN " + query.sql());
            query.sampleParameters().forEach(explain::bind);
            return explain.map((rs, ctx) -> rs.getString("detail")).list();
        }
        // On a small table PostgreSQL rightly prefers a sequential scan; the check asks whether the
        // index CAN serve the query, so sequential scans are priced out for the EXPLAIN only.
        h.execute("SET enable_seqscan = off");
        try {
            var explain = h.createQuery("EXPLAIN " + query.sql());
            query.sampleParameters().forEach(explain::bind);
            return explain.map((rs, ctx) -> rs.getString(1)).list();
        } finally {
            h.execute("RESET enable_seqscan");
        }
    }
}
