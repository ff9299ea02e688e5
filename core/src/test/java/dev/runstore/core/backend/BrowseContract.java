package dev.runstore.core.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runstore.core.catalog.Catalog;
import dev.runstore.core.catalog.SchemaObject;
import dev.runstore.core.catalog.TableStructure;
import dev.runstore.core.db.Database;
import dev.runstore.core.error.NotFoundException;
import dev.runstore.core.migrate.Environment;
import dev.runstore.core.migrate.Migrator;
import dev.runstore.core.query.Cancellation;
import dev.runstore.core.query.ExportFormat;
import dev.runstore.core.query.Facet;
import dev.runstore.core.query.Facets;
import dev.runstore.core.query.Filter;
import dev.runstore.core.query.Row;
import dev.runstore.core.query.RowPage;
import dev.runstore.core.query.RowQuery;
import dev.runstore.core.query.Sort;
import dev.runstore.core.query.TableRows;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The catalog and the row browser on each engine: the same hostile names, the same pages, NULLs
 * where the engine puts them (first ascending on SQLite, last on PostgreSQL), values typed as text
 * found in integer columns.
 */
abstract class BrowseContract {
    private static final int ROWS = 2_000;

    private final Backend backend;

    @TempDir
    Path dir;

    BrowseContract(Backend backend) {
        this.backend = backend;
    }

    /** True where NULLs sort before values in ascending order. */
    abstract boolean nullsFirst();

    Database filled() {
        Database db = Database.open(backend.fresh(dir).build());
        new Migrator(Environment.TEST).migrate(db);
        db.useWrite(h -> {
            h.execute("CREATE TABLE \"we\"\"ird tab\" (id INTEGER PRIMARY KEY, grp INTEGER, \"Ünïcode\" TEXT NOT NULL,"
                    + " run_id BIGINT REFERENCES runs (id))");
            h.execute("CREATE INDEX \"select\" ON \"we\"\"ird tab\" (grp)");
            h.execute("CREATE VIEW \"x; DROP TABLE runs\" AS SELECT id, grp FROM \"we\"\"ird tab\" WHERE grp = 1");
            for (int i = 1; i <= ROWS; i++) {
                h.execute(
                        "INSERT INTO \"we\"\"ird tab\" (id, grp, \"Ünïcode\") VALUES (?, ?, ?)",
                        i,
                        i % 5 == 0 ? null : i % 3,
                        "Label " + i);
            }
        });
        return db;
    }

    @Test
    void theCatalogListsHostileNamesAndDescribesTheirColumnsKeysAndIndexes() {
        try (Database db = filled()) {
            List<String> objects = Catalog.objects(db).stream()
                    .map(o -> o.type() + " " + o.name())
                    .toList();
            assertThat(objects)
                    .contains(
                            "table runs",
                            "table events",
                            "table we\"ird tab",
                            "view x; DROP TABLE runs",
                            "index select");
            TableStructure weird = Catalog.structure(db, "we\"ird tab");
            assertThat(weird.columnNames()).containsExactly("id", "grp", "Ünïcode", "run_id");
            assertThat(weird.column("Ünïcode").orElseThrow().notNull()).isTrue();
            assertThat(weird.column("id").orElseThrow().primaryKey()).isEqualTo(1);
            assertThat(weird.foreignKeyOf("run_id").orElseThrow().table()).isEqualTo("runs");
            assertThat(weird.indexes()).extracting(i -> i.name()).contains("select");
            assertThat(weird.key()).isNotEmpty();
            assertThat(weird.sql()).contains("CREATE TABLE");
            TableStructure view = Catalog.structure(db, "x; DROP TABLE runs");
            assertThat(view.type()).isEqualTo("view");
            assertThat(view.key()).isEmpty();
            assertThat(Catalog.objects(db))
                    .filteredOn(o -> o.name().equals("select"))
                    .extracting(SchemaObject::table)
                    .containsExactly("we\"ird tab");
            assertThatThrownBy(() -> Catalog.structure(db, "nosuch")).isInstanceOf(NotFoundException.class);
        }
    }

    @Test
    void pagesBySortedNullableColumnCoverEveryRowOnceInTheEnginesOrder() {
        try (Database db = filled()) {
            for (boolean descending : List.of(false, true)) {
                RowQuery query = RowQuery.of("we\"ird tab").sortedBy(new Sort("grp", descending));
                List<Long> seen = new ArrayList<>();
                RowPage page = TableRows.first(db, query, 97);
                seen.addAll(ids(page));
                while (page.hasAfter()) {
                    page = TableRows.after(db, query, last(page), 97);
                    seen.addAll(ids(page));
                }
                assertThat(seen).as("descending " + descending).containsExactlyElementsOf(expected(descending));
                List<Long> back = new ArrayList<>();
                page = TableRows.last(db, query, 97);
                back.addAll(0, ids(page));
                while (page.hasBefore()) {
                    page = TableRows.before(db, query, page.rows().get(0), 97);
                    back.addAll(0, ids(page));
                }
                assertThat(back).containsExactlyElementsOf(seen);
            }
        }
    }

    @Test
    void filtersBindTextForIntegerColumnsAndContainsIgnoresCase() {
        try (Database db = filled()) {
            RowQuery query = RowQuery.of("we\"ird tab")
                    .where(Filter.equal("grp", "2")) // as a person types it
                    .where(new Filter("Ünïcode", Filter.Op.CONTAINS, "label 1"));
            long expected = java.util.stream.IntStream.rangeClosed(1, ROWS)
                    .filter(i -> i % 5 != 0 && i % 3 == 2 && ("Label " + i).startsWith("Label 1"))
                    .count();
            assertThat(TableRows.count(db, query, Cancellation.none())).isEqualTo(expected);
            assertThat(TableRows.first(db, query, 1000).rows()).hasSize((int) expected);
            assertThat(TableRows.countUpTo(db, RowQuery.of("we\"ird tab"), 10)).isEqualTo(10);
            Facet facet = Facets.of(db, RowQuery.of("we\"ird tab"), "grp", 10, 100_000);
            assertThat(facet.complete()).isTrue();
            assertThat(facet.values()).hasSize(4); // 0, 1, 2 and NULL
            assertThat(facet.values().stream().mapToLong(Facet.Value::count).sum())
                    .isEqualTo(ROWS);
        }
    }

    @Test
    void aViewIsPagedByPositionAndExportsStreamEveryRow() {
        try (Database db = filled()) {
            RowQuery view = RowQuery.of("x; DROP TABLE runs");
            RowPage page = TableRows.first(db, view, 100);
            assertThat(page.paging()).isEqualTo(RowPage.Paging.OFFSET);
            long rows = page.rows().size();
            while (page.hasAfter()) {
                page = TableRows.after(db, view, last(page), 100);
                rows += page.rows().size();
            }
            long ones = java.util.stream.IntStream.rangeClosed(1, ROWS)
                    .filter(i -> i % 5 != 0 && i % 3 == 1)
                    .count();
            assertThat(rows).isEqualTo(ones);
            StringWriter csv = new StringWriter();
            long written = TableRows.export(
                    db, RowQuery.of("we\"ird tab"), ExportFormat.CSV, csv, Long.MAX_VALUE, Cancellation.none());
            assertThat(written).isEqualTo(ROWS);
            String[] lines = csv.toString().split("\r\n");
            assertThat(lines).hasSize(ROWS + 1);
            assertThat(lines[0]).isEqualTo("id,grp,Ünïcode,run_id");
        }
    }

    private List<Long> expected(boolean descending) {
        Comparator<Integer> byGrp = Comparator.comparing(
                (Integer i) -> i % 5 == 0 ? null : i % 3,
                nullsFirst()
                        ? Comparator.nullsFirst(Comparator.<Integer>naturalOrder())
                        : Comparator.nullsLast(Comparator.<Integer>naturalOrder()));
        Comparator<Integer> ascending = byGrp.thenComparing(Comparator.naturalOrder());
        return java.util.stream.IntStream.rangeClosed(1, ROWS)
                .boxed()
                .sorted(descending ? ascending.reversed() : ascending)
                .map(Integer::longValue)
                .toList();
    }

    private static Row last(RowPage page) {
        return page.rows().get(page.rows().size() - 1);
    }

    private static List<Long> ids(RowPage page) {
        return page.rows().stream()
                .map(r -> ((Number) r.values().get(0)).longValue())
                .toList();
    }
}
