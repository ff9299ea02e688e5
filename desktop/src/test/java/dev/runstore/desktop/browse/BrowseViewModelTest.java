package dev.runstore.desktop.browse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runstore.core.catalog.TableCounts;
import dev.runstore.core.db.Database;
import dev.runstore.core.db.DatabaseConfig;
import dev.runstore.core.query.ExportFormat;
import dev.runstore.core.query.Facet;
import dev.runstore.core.query.Filter;
import dev.runstore.desktop.main.MainViewModel;
import dev.runstore.desktop.main.RecentFiles;
import dev.runstore.desktop.panel.Navigation;
import dev.runstore.desktop.support.DirectExecutor;
import dev.runstore.desktop.support.Seed;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Browse panel's logic on a real database, without a toolkit. */
class BrowseViewModelTest {
    @TempDir
    static Path dir;

    static Path file;

    MainViewModel main;
    BrowseViewModel browse;

    @BeforeAll
    static void seed() {
        file = Seed.withUserTables(dir, "browse.db");
    }

    @BeforeEach
    void open() {
        main = new MainViewModel(new DirectExecutor(), MainViewModel.Sessions.real(false), RecentFiles.inMemory());
        main.open(file);
        browse = main.browse();
    }

    @AfterEach
    void close() {
        main.close();
    }

    @Test
    void pagingForwardReachesTheLastRowOfA100000RowTableWithoutAGapOrARepeat() {
        main.navigation().browse("big");
        List<Long> seen = new ArrayList<>(ids());
        while (browse.hasAfterProperty().get()) {
            browse.next();
            seen.addAll(ids());
        }
        assertThat(seen).hasSize(Seed.BIG_ROWS);
        for (int i = 0; i < seen.size(); i++) {
            assertThat(seen.get(i)).isEqualTo(i + 1L);
        }
        assertThat(browse.positionProperty().get()).isEqualTo("Rows 99,801–100,000 of 100,000 rows");
    }

    @Test
    void aRefreshThatReadsTheSameRowsLeavesTheGridsRowsAlone() {
        main.navigation().browse("big");
        int[] changes = {0};
        browse.rows().addListener((javafx.collections.ListChangeListener<List<Object>>) c -> changes[0]++);

        main.refresh();

        assertThat(changes[0]).isZero();
        assertThat(ids()).first().isEqualTo(1L);
    }

    @Test
    void theLastPageAndPagingBackReachTheFirstRow() {
        main.navigation().browse("big");
        browse.last();
        assertThat(ids()).last().isEqualTo((long) Seed.BIG_ROWS);
        assertThat(browse.positionProperty().get()).isEqualTo("Rows 99,801–100,000 of 100,000 rows");
        int pages = 1;
        while (browse.hasBeforeProperty().get()) {
            browse.previous();
            pages++;
        }
        assertThat(ids()).first().isEqualTo(1L);
        assertThat(pages).isEqualTo(Seed.BIG_ROWS / BrowseViewModel.PAGE_SIZE);
        assertThat(browse.positionProperty().get()).startsWith("Rows 1–200 of 100,000 rows");
    }

    @Test
    void theCountsEqualTheTablesOwnAndAFilterCountsItsMatches() {
        Map<String, Long> counts;
        try (Database db = Database.open(DatabaseConfig.builder(file).readOnly().build())) {
            counts = TableCounts.of(db);
        }
        main.navigation().browse("events");
        assertThat(browse.positionProperty().get()).isEqualTo("Rows 1–48 of " + counts.get("events") + " rows");
        main.navigation().browse("big");
        browse.addFilter(new Filter("grp", Filter.Op.IS_NULL, null));
        assertThat(browse.positionProperty().get())
                .isEqualTo(String.format("Rows 1–200 of %,d matching rows", Seed.BIG_ROWS / 7));
        browse.addFilter(new Filter("label", Filter.Op.CONTAINS, "LABEL 7"));
        assertThat(browse.rows()).allSatisfy(r -> assertThat((String) r.get(2)).startsWith("label 7"));
    }

    @Test
    void aSortByAColumnAsksTheDatabaseAndSaysWhenNoIndexServesIt() {
        main.navigation().browse("big");
        browse.sortBy("label", true);
        assertThat(browse.rows().get(0).get(2)).isEqualTo("label 99999");
        assertThat(browse.noteProperty().get()).contains("No index serves this sort");
        browse.sortBy("grp", false);
        assertThat(browse.rows().get(0).get(1)).isNull(); // NULLs first, as SQLite orders them
        assertThat(browse.noteProperty().get()).isEmpty();
        browse.next();
        assertThat(browse.positionProperty().get()).startsWith("Rows 201–400 of");
    }

    @Test
    void aFacetCountsValuesAndClickingOneFilters() {
        main.navigation().browse("big");
        browse.facet("grp");
        Facet facet = browse.facetProperty().get();
        assertThat(facet.complete()).isTrue();
        Map<Object, Long> expected = new java.util.HashMap<>();
        for (long i = 1; i <= Seed.BIG_ROWS; i++) {
            expected.merge(i % 7 == 0 ? "NULL" : (Object) (i % 5), 1L, Long::sum);
        }
        assertThat(facet.values()).hasSize(expected.size());
        facet.values()
                .forEach(v -> assertThat(v.count()).isEqualTo(expected.get(v.value() == null ? "NULL" : v.value())));
        assertThat(facet.values().get(0).count()).isEqualTo(java.util.Collections.max(expected.values()));
        Facet.Value three = facet.values().stream()
                .filter(v -> Long.valueOf(3).equals(v.value()))
                .findFirst()
                .orElseThrow();
        browse.applyFacet(three);
        assertThat(browse.filters()).containsExactly(Filter.equal("grp", 3L));
        assertThat(browse.positionProperty().get())
                .endsWith("of " + String.format("%,d", three.count()) + " matching rows");
    }

    @Test
    void aForeignKeyValueOpensTheReferencedRow() {
        main.navigation().browse("x; DROP TABLE runs");
        Object runId = browse.rows().get(1).get(1);
        browse.selectCell("run_id", runId);
        assertThat(browse.followLabelProperty().get()).isEqualTo("Open runs where id = " + runId);
        browse.follow();
        assertThat(browse.tableProperty().get()).isEqualTo("runs");
        assertThat(browse.rows()).hasSize(1);
        assertThat(browse.rows().get(0).get(0)).isEqualTo(runId);
    }

    @Test
    void theCellViewerShowsJsonPrettyAndBlobsAsHex() {
        main.navigation().browse("we\"ird tab");
        browse.selectCell("note", browse.rows().get(0).get(1));
        assertThat(browse.cellProperty().get()).isEqualTo("{\n  \"a\" : [ 1, 2 ],\n  \"b\" : \"x\"\n}");
        browse.selectCell("data", browse.rows().get(0).get(2));
        assertThat(browse.cellProperty().get()).startsWith("BLOB, 3 bytes").contains("00 ff 10");
    }

    @Test
    void exportWritesEveryMatchingRowNotOnlyThePage() throws Exception {
        main.navigation().browse("big");
        browse.addFilter(new Filter("grp", Filter.Op.EQUALS, "2"));
        Path out = dir.resolve("big.csv");
        browse.export(ExportFormat.CSV, out);
        List<String> lines = Files.readAllLines(out);
        assertThat(lines.get(0)).isEqualTo("id,grp,label");
        long expected = java.util.stream.LongStream.rangeClosed(1, Seed.BIG_ROWS)
                .filter(i -> i % 7 != 0 && i % 5 == 2)
                .count();
        assertThat(lines).hasSize((int) expected + 1);
        assertThat(lines.get(1)).isEqualTo("2,2,label 2");
        assertThat(browse.exportedProperty().get()).startsWith(String.format("Exported %,d rows to", expected));
        assertThat(Files.exists(dir.resolve("big.csv.part"))).isFalse();
    }

    @Test
    void aLiveRefreshKeepsThePageShown() {
        main.navigation().browse("big");
        browse.next();
        browse.next();
        List<Long> before = ids();
        main.refresh();
        assertThat(ids()).isEqualTo(before);
        assertThat(browse.positionProperty().get()).startsWith("Rows 401–600 of");
    }

    @Test
    void hostileNamesAreListedAndBrowsable() {
        main.navigation().show(Navigation.Target.BROWSE);
        assertThat(browse.tables()).contains("we\"ird tab", "Ünïcode", "select", "x; DROP TABLE runs", "failed_runs");
        main.navigation().browse("Ünïcode");
        assertThat(browse.columns()).containsExactly("ключ");
        assertThat(browse.rows()).containsExactly(List.of("значение"));
        main.navigation().browse("failed_runs");
        assertThat(browse.noteProperty().get()).contains("has no key: pages are found by position");
        assertThat(browse.rows()).hasSize(1);
    }

    private List<Long> ids() {
        return browse.rows().stream().map(r -> (Long) r.get(0)).toList();
    }
}
