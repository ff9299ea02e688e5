package dev.runstore.core.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runstore.core.db.Database;
import dev.runstore.core.migrate.Environment;
import dev.runstore.core.migrate.Migrator;
import dev.runstore.core.store.ListingQueries;
import dev.runstore.core.store.SampleData;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IndexChecksTest {
    @TempDir
    Path dir;

    Database db;

    @BeforeEach
    void migratedDatabaseWithData() {
        db = Database.open(dir.resolve("indexes.db"));
        new Migrator(Environment.TEST).migrate(db);
        SampleData.fill(db, 20, 200);
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void everyExpectedIndexExistsWithItsColumns() {
        List<CheckResult> results = IndexChecks.run(db);

        assertThat(results.stream().filter(r -> r.name().startsWith("index ")))
                .hasSize(ListingQueries.EXPECTED_INDEXES.size())
                .allSatisfy(r ->
                        assertThat(r.passed()).as(r.name() + ": " + r.detail()).isTrue());
    }

    @Test
    void everyListingQueryUsesItsIndexAndNeverScansAllEvents() {
        for (ListingQueries.Query query : ListingQueries.all()) {
            List<String> plan = IndexChecks.plan(db, query);

            assertThat(plan).as(query.name()).anyMatch(step -> step.contains("INDEX " + query.index()));
            assertThat(plan).as(query.name()).noneMatch(step -> step.strip().matches("SCAN (e|events)"));
        }
        assertThat(IndexChecks.run(db))
                .allSatisfy(r -> assertThat(r.passed()).as(r.detail()).isTrue());
    }

    @Test
    void aMissingIndexFailsItsCheckAndThePlansThatNeedIt() {
        db.useWrite(h -> h.execute("DROP INDEX events_level_ts_idx"));

        List<CheckResult> failed =
                IndexChecks.run(db).stream().filter(r -> !r.passed()).toList();

        assertThat(failed)
                .extracting(CheckResult::name)
                .contains(
                        "index events_level_ts_idx",
                        "query plan: recent events at or above warning",
                        "query plan: recent errors");
        assertThat(failed.get(0).detail()).contains("migrate the database");
    }
}
