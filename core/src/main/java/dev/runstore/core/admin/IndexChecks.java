package dev.runstore.core.admin;

import dev.runstore.core.db.Database;
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
        return db.read(h -> {
            List<CheckResult> results = new ArrayList<>();
            for (IndexSpec spec : ListingQueries.EXPECTED_INDEXES) {
                results.add(checkIndex(h, spec));
            }
            for (ListingQueries.Query query : ListingQueries.all()) {
                results.add(checkPlan(h, query));
            }
            return results;
        });
    }

    /** The plan SQLite chooses for {@code query}, one line per step. */
    public static List<String> plan(Database db, ListingQueries.Query query) {
        return db.read(h -> plan(h, query));
    }

    private static CheckResult checkIndex(Handle h, IndexSpec spec) {
        String name = "index " + spec.name();
        Optional<Boolean> unique = h.createQuery("SELECT \"unique\" FROM pragma_index_list(:table) WHERE name = :name")
                .bind("table", spec.table())
                .bind("name", spec.name())
                .mapTo(Boolean.class)
                .findOne();
        if (unique.isEmpty()) {
            return CheckResult.fail(
                    name, "missing on " + spec.table() + spec.columns() + "; migrate the database to create it");
        }
        List<String> columns = h.createQuery("SELECT name FROM pragma_index_xinfo(:name) WHERE key = 1 ORDER BY seqno")
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

    private static CheckResult checkPlan(Handle h, ListingQueries.Query query) {
        String name = "query plan: " + query.name();
        List<String> plan = plan(h, query);
        boolean usesIndex = plan.stream().anyMatch(step -> step.contains("INDEX " + query.index()));
        // Scanning a co-routine reads a bounded subquery result (a LIMITed branch), not a table.
        List<String> coRoutines = plan.stream()
                .map(step -> CO_ROUTINE.matcher(step.strip()))
                .filter(Matcher::matches)
                .map(m -> m.group(1))
                .toList();
        List<String> fullScans = plan.stream()
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

    private static List<String> plan(Handle h, ListingQueries.Query query) {
        var explain = h.createQuery("EXPLAIN QUERY PLAN " + query.sql());
        query.sampleParameters().forEach(explain::bind);
        return explain.map((rs, ctx) -> rs.getString("detail")).list();
    }
}
