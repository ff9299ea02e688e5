package dev.runstore.core.admin;

import dev.runstore.core.db.Database;
import dev.runstore.core.db.Engine;
import dev.runstore.core.store.IndexSpec;
import dev.runstore.core.store.ListingQueries;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * Checks that the indexes the listing queries need exist with the right columns (the engine's
 * catalog) and that the planner really uses them ({@code EXPLAIN QUERY PLAN} on SQLite, {@code
 * EXPLAIN} on PostgreSQL): a listing query that scans the whole events table gets slower with every
 * event.
 */
public final class IndexChecks {
    private IndexChecks() {}

    /** One result per expected index and one per listing query. Read-only. */
    public static List<CheckResult> run(Database db) {
        Engine engine = db.engine();
        return db.read(h -> {
            List<CheckResult> results = new ArrayList<>();
            for (IndexSpec spec : ListingQueries.EXPECTED_INDEXES) {
                results.add(checkIndex(h, engine, spec));
            }
            // A file without runstore's tables (any SQLite file opens in the console) fails each plan
            // check in words: EXPLAIN of a query on a missing table is an SQL error, not an answer.
            boolean schema = engine.tables(h).containsAll(List.of("runs", "events"));
            for (ListingQueries.Query query : ListingQueries.all()) {
                results.add(
                        schema
                                ? checkPlan(h, engine, query)
                                : CheckResult.fail(
                                        "query plan: " + query.name(),
                                        "no runs or events table; migrate the database to create them"));
            }
            return results;
        });
    }

    /** The plan the engine chooses for {@code query}, one line per step. */
    public static List<String> plan(Database db, ListingQueries.Query query) {
        return db.read(h -> db.engine().plan(h, query.sql(), query.sampleParameters()));
    }

    private static CheckResult checkIndex(Handle h, Engine engine, IndexSpec spec) {
        String name = "index " + spec.name();
        Optional<Boolean> unique = engine.indexUnique(h, spec.table(), spec.name());
        if (unique.isEmpty()) {
            return CheckResult.fail(
                    name, "missing on " + spec.table() + spec.columns() + "; migrate the database to create it");
        }
        List<String> columns = engine.indexColumns(h, spec.name());
        if (!columns.equals(spec.columns()) || unique.get() != spec.unique()) {
            return CheckResult.fail(
                    name,
                    "has columns " + columns + (unique.get() ? " (unique)" : "") + " but should have " + spec.columns()
                            + (spec.unique() ? " (unique)" : "") + "; migrate the database");
        }
        return CheckResult.pass(name, "on " + spec.table() + spec.columns() + (spec.unique() ? ", unique" : ""));
    }

    private static CheckResult checkPlan(Handle h, Engine engine, ListingQueries.Query query) {
        String name = "query plan: " + query.name();
        List<String> plan = engine.plan(h, query.sql(), query.sampleParameters());
        String table = ListingQueries.EXPECTED_INDEXES.stream()
                .filter(spec -> spec.name().equals(query.index()))
                .map(IndexSpec::table)
                .findFirst()
                .orElse("");
        List<String> siblings = ListingQueries.EXPECTED_INDEXES.stream()
                .filter(spec -> spec.table().equals(table))
                .map(IndexSpec::name)
                .toList();
        if (!engine.servedByIndex(plan, query.index(), siblings)) {
            return CheckResult.fail(
                    name,
                    "expected to use " + query.index() + " without a full table scan, but the plan is: "
                            + String.join(" | ", plan)
                            + "; run the migrations, or ANALYZE if statistics mislead the planner");
        }
        return CheckResult.pass(name, "uses " + query.index());
    }
}
