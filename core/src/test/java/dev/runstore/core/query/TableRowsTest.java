package dev.runstore.core.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runstore.core.db.Database;
import dev.runstore.core.error.NotFoundException;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Paging by key over real SQLite tables: every row exactly once, in the order asked for, forwards
 * and backwards, with NULLs in the sort column, composite keys, views and hostile names.
 */
class TableRowsTest {
    private static final int ROWS = 100_000;

    @TempDir
    static Path dir;

    private static Database db;

    /** The rows as the test itself computes them: id, grp (null for every 7th), label. */
    private static final List<Object[]> EXPECTED = new ArrayList<>();

    @BeforeAll
    static void fill() {
        db = Database.open(dir.resolve("rows.db"));
        db.useWrite(h -> {
            h.execute("CREATE TABLE items (id INTEGER PRIMARY KEY, grp INTEGER, label TEXT NOT NULL)");
            h.execute("CREATE INDEX items_grp ON items (grp)");
            h.execute("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < " + ROWS + ")"
                    + " INSERT INTO items SELECT i, CASE WHEN i % 7 = 0 THEN NULL ELSE i % 13 END,"
                    + " 'label ' || i FROM n");
            h.execute("CREATE TABLE pairs (a TEXT, b INTEGER, v TEXT, PRIMARY KEY (a, b)) WITHOUT ROWID");
            h.execute("INSERT INTO pairs VALUES ('x', 2, 'x2'), ('x', 1, 'x1'), ('a', 9, 'a9'), ('m', 5, 'm5')");
            h.execute("CREATE VIEW odd AS SELECT id, label FROM items WHERE id % 2 = 1");
            h.execute("CREATE TABLE shadowed (rowid TEXT, oid TEXT, v INTEGER)");
            h.execute("INSERT INTO shadowed VALUES ('r1', 'o1', 1), ('r2', 'o2', 2), ('r3', 'o3', 3)");
            h.execute("CREATE TABLE \"we\"\"ird tab\" (\"sel\"\"ect\" TEXT, \"Ünïcode\" INTEGER)");
            h.execute("INSERT INTO \"we\"\"ird tab\" VALUES ('''; DROP TABLE items; --', 1), ('plain', 2)");
            h.execute("CREATE TABLE \"x; DROP TABLE items\" (\"select\" INTEGER)");
            h.execute("INSERT INTO \"x; DROP TABLE items\" VALUES (42)");
            h.execute("CREATE TABLE odd_text (t TEXT)");
            h.execute("INSERT INTO odd_text VALUES (CAST(x'68ff69' AS TEXT)), ('fine \uFFFD real')");
        });
        for (int i = 1; i <= ROWS; i++) {
            EXPECTED.add(new Object[] {(long) i, i % 7 == 0 ? null : (long) (i % 13), "label " + i});
        }
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"key", "grp asc", "grp desc", "label asc", "id desc"})
    void pagingForwardReachesTheLastRowWithoutAGapOrARepeat(String order) {
        RowQuery query = query(order);
        List<Long> seen = new ArrayList<>();
        RowPage page = TableRows.first(db, query, 997);
        assertThat(page.hasBefore()).isFalse();
        seen.addAll(ids(page));
        int pages = 1;
        while (page.hasAfter()) {
            page = TableRows.after(db, query, page.rows().get(page.rows().size() - 1), 997);
            assertThat(page.hasBefore()).isTrue();
            seen.addAll(ids(page));
            pages++;
        }
        assertThat(pages).isEqualTo((ROWS + 996) / 997);
        assertThat(seen).containsExactlyElementsOf(expectedIds(order));
    }

    @ParameterizedTest
    @ValueSource(strings = {"key", "grp asc", "grp desc"})
    void pagingBackwardFromTheLastPageReachesTheFirstRow(String order) {
        RowQuery query = query(order);
        List<Long> seen = new ArrayList<>();
        RowPage page = TableRows.last(db, query, 1000);
        assertThat(page.hasAfter()).isFalse();
        seen.addAll(0, ids(page));
        while (page.hasBefore()) {
            page = TableRows.before(db, query, page.rows().get(0), 1000);
            seen.addAll(0, ids(page));
        }
        assertThat(seen).containsExactlyElementsOf(expectedIds(order));
    }

    @Test
    void filtersAreBoundAndCombineWithPaging() {
        RowQuery query = RowQuery.of("items")
                .where(Filter.equal("grp", "5")) // text, as typed: the column's affinity makes it 5
                .where(new Filter("label", Filter.Op.CONTAINS, "LABEL 1"))
                .sortedBy(Sort.descending("id"));
        List<Long> expected = EXPECTED.stream()
                .filter(r -> Long.valueOf(5).equals(r[1]) && ((String) r[2]).startsWith("label 1"))
                .map(r -> (Long) r[0])
                .sorted(Comparator.reverseOrder())
                .toList();
        List<Long> seen = new ArrayList<>();
        RowPage page = TableRows.first(db, query, 50);
        seen.addAll(ids(page));
        while (page.hasAfter()) {
            page = TableRows.after(db, query, page.rows().get(page.rows().size() - 1), 50);
            seen.addAll(ids(page));
        }
        assertThat(seen).isNotEmpty().containsExactlyElementsOf(expected);
        assertThat(TableRows.count(db, query, Cancellation.none())).isEqualTo(expected.size());
        assertThat(TableRows.countUpTo(db, query, 10)).isEqualTo(10);
        assertThat(TableRows.count(
                        db,
                        RowQuery.of("items").where(new Filter("grp", Filter.Op.IS_NULL, null)),
                        Cancellation.none()))
                .isEqualTo(ROWS / 7);
    }

    @Test
    void aCommonFilterValueWalksTheTableInKeyOrderAndARareOneUsesTheIndexBothCompleteAndInOrder() {
        // grp = 5 matches ~6,600 rows (under the walk threshold: index, then sort); grp IS NOT NULL
        // matches ~85,700 (over it: the table walked in key order). Either way: every row, in order.
        for (Filter filter : List.of(Filter.equal("grp", 5), new Filter("grp", Filter.Op.NOT_NULL, null))) {
            RowQuery query = RowQuery.of("items").where(filter);
            List<Long> expected = EXPECTED.stream()
                    .filter(r -> filter.op() == Filter.Op.NOT_NULL
                            ? r[1] != null
                            : Long.valueOf(5).equals(r[1]))
                    .map(r -> (Long) r[0])
                    .toList();
            List<Long> seen = new ArrayList<>();
            RowPage page = TableRows.first(db, query, 500);
            seen.addAll(ids(page));
            while (page.hasAfter()) {
                page = TableRows.after(db, query, page.rows().get(page.rows().size() - 1), 500);
                seen.addAll(ids(page));
            }
            assertThat(seen).as(filter.toString()).containsExactlyElementsOf(expected);
            RowPage last = TableRows.last(db, query, 500);
            assertThat(ids(last)).containsExactlyElementsOf(expected.subList(expected.size() - 500, expected.size()));
        }
        assertThat(EXPECTED.stream().filter(r -> r[1] != null).count())
                .isGreaterThan(TableRows.WALK_WHEN_MATCHES_EXCEED);
        assertThat(EXPECTED.stream().filter(r -> Long.valueOf(5).equals(r[1])).count())
                .isLessThan(TableRows.WALK_WHEN_MATCHES_EXCEED);
    }

    @Test
    void aSortByAnUnindexedColumnIsReportedAsSuchAndAnIndexedOneIsNot() {
        assertThat(TableRows.first(db, query("label asc"), 10).sortUsesIndex()).isFalse();
        assertThat(TableRows.first(db, query("grp desc"), 10).sortUsesIndex()).isTrue();
        assertThat(TableRows.first(db, query("key"), 10).sortUsesIndex()).isTrue();
    }

    @Test
    void aTableWithoutRowidIsPagedByItsCompositePrimaryKey() {
        RowQuery query = RowQuery.of("pairs");
        RowPage first = TableRows.first(db, query, 3);
        assertThat(first.paging()).isEqualTo(RowPage.Paging.KEYSET);
        RowPage rest = TableRows.after(db, query, first.rows().get(2), 3);
        List<Object> v = new ArrayList<>();
        first.rows().forEach(r -> v.add(r.values().get(2)));
        rest.rows().forEach(r -> v.add(r.values().get(2)));
        assertThat(v).containsExactly("a9", "m5", "x1", "x2");
        assertThat(rest.hasAfter()).isFalse();
    }

    @Test
    void aViewIsPagedByPosition() {
        RowQuery query = RowQuery.of("odd");
        RowPage page = TableRows.first(db, query, 1000);
        assertThat(page.paging()).isEqualTo(RowPage.Paging.OFFSET);
        long pages = 1;
        long rows = page.rows().size();
        Row lastRow = page.rows().get(page.rows().size() - 1);
        while (page.hasAfter()) {
            page = TableRows.after(db, query, page.rows().get(page.rows().size() - 1), 1000);
            rows += page.rows().size();
            lastRow = page.rows().get(page.rows().size() - 1);
            pages++;
        }
        assertThat(rows).isEqualTo(ROWS / 2);
        assertThat(pages).isEqualTo(50);
        assertThat(lastRow.values().get(0)).isEqualTo((long) ROWS - 1);
        RowPage last = TableRows.last(db, query, 7);
        assertThat(last.rows()).extracting(r -> r.values().get(0)).last().isEqualTo((long) ROWS - 1);
        RowPage beforeLast = TableRows.before(db, query, last.rows().get(0), 7);
        assertThat(beforeLast.rows()).extracting(r -> r.values().get(0)).last().isEqualTo((long) ROWS - 15);
    }

    @Test
    void columnsNamedRowidAndOidLeaveTheRowidReachableByItsOtherAlias() {
        RowPage page = TableRows.first(db, RowQuery.of("shadowed"), 2);
        assertThat(page.rows()).extracting(r -> r.values().get(0)).containsExactly("r1", "r2");
        RowPage next = TableRows.after(db, RowQuery.of("shadowed"), page.rows().get(1), 2);
        assertThat(next.rows()).extracting(r -> r.values().get(0)).containsExactly("r3");
    }

    @Test
    void hostileNamesAreJustNamesAndValuesJustValues() {
        RowQuery weird = RowQuery.of("we\"ird tab").where(Filter.equal("sel\"ect", "'; DROP TABLE items; --"));
        RowPage page = TableRows.first(db, weird, 10);
        assertThat(page.columns()).containsExactly("sel\"ect", "Ünïcode");
        assertThat(page.rows()).hasSize(1);
        assertThat(page.rows().get(0).values()).containsExactly("'; DROP TABLE items; --", 1L);
        assertThat(TableRows.first(db, RowQuery.of("x; DROP TABLE items").sortedBy(Sort.ascending("select")), 5)
                        .rows())
                .extracting(r -> r.values().get(0))
                .containsExactly(42L);
        assertThat(TableRows.count(db, RowQuery.of("items"), Cancellation.none()))
                .isEqualTo(ROWS);
    }

    @Test
    void unknownTablesAndColumnsAreNamedWithWhatThereIs() {
        assertThatThrownBy(() -> TableRows.first(db, RowQuery.of("nosuch"), 5))
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining("no table or view \"nosuch\"")
                .hasMessageContaining("items");
        assertThatThrownBy(() -> TableRows.first(db, RowQuery.of("items").where(Filter.equal("nope", 1)), 5))
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining("its columns are id, grp, label");
    }

    @Test
    void textThatIsNotUtf8IsMarkedNotReplaced() {
        RowPage page = TableRows.first(db, RowQuery.of("odd_text"), 5);
        assertThat(page.rows().get(0).values().get(0))
                .isInstanceOfSatisfying(
                        MalformedText.class, t -> assertThat(t.bytes()).containsExactly(0x68, 0xff, 0x69));
        // A real U+FFFD is text like any other.
        assertThat(page.rows().get(1).values().get(0)).isEqualTo("fine \uFFFD real");
        StringWriter csv = new StringWriter();
        assertThatThrownBy(() -> TableRows.export(
                        db, RowQuery.of("odd_text"), ExportFormat.CSV, csv, Long.MAX_VALUE, Cancellation.none()))
                .hasMessageContaining("row 1 of the export has text in column \"t\" that is not valid UTF-8");
    }

    @Test
    void aPageReadIsStoppedByItsCancellation() throws Exception {
        Cancellation cancelled = new Cancellation();
        cancelled.cancel();
        assertThatThrownBy(() -> TableRows.page(db, query("label asc"), TableRows.Go.FIRST, null, 50, cancelled))
                .isInstanceOf(dev.runstore.core.error.CancelledException.class);
        // While it runs: an unindexed sort of every row, stopped from another thread.
        Cancellation running = new Cancellation();
        java.util.concurrent.CompletableFuture<RowPage> page =
                java.util.concurrent.CompletableFuture.supplyAsync(() -> TableRows.page(
                        db,
                        RowQuery.of("items")
                                .sortedBy(Sort.descending("label"))
                                .where(new Filter("label", Filter.Op.CONTAINS, "9")),
                        TableRows.Go.LAST,
                        null,
                        50,
                        running));
        Thread.sleep(5);
        running.cancel();
        try {
            page.get(10, java.util.concurrent.TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            assertThat(e.getCause()).isInstanceOf(dev.runstore.core.error.CancelledException.class);
        }
        // Either way the same database answers the next page at once.
        assertThat(TableRows.first(db, RowQuery.of("items"), 5).rows()).hasSize(5);
        assertThatThrownBy(() ->
                        TableRows.page(db, RowQuery.of("items"), TableRows.Go.AFTER, null, 5, Cancellation.none()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void textThatIsNotUtf8PagesAndFiltersAsTextNotAsABlob() {
        RowQuery sorted = RowQuery.of("odd_text").sortedBy(Sort.ascending("t"));
        RowPage first = TableRows.first(db, sorted, 1);
        List<Object> seen = new ArrayList<>(first.rows().get(0).values());
        RowPage page = first;
        while (page.hasAfter()) {
            page = TableRows.after(db, sorted, page.rows().get(0), 1);
            seen.addAll(page.rows().get(0).values());
        }
        assertThat(seen).hasSize(2); // bound as a BLOB the seek found nothing after the malformed row
        Object malformed = seen.stream()
                .filter(v -> v instanceof MalformedText)
                .findFirst()
                .orElseThrow();
        assertThat(TableRows.count(
                        db, RowQuery.of("odd_text").where(Filter.equal("t", malformed)), Cancellation.none()))
                .isEqualTo(1);
    }

    @Test
    void untypedColumnsMatchWhatIsTypedAsANumber() {
        db.useWrite(h -> {
            h.execute("CREATE TABLE IF NOT EXISTS untyped (id, body)");
            h.execute("DELETE FROM untyped");
            h.execute("INSERT INTO untyped VALUES (5, 'five'), ('5', 'text five'), (6, 'six')");
        });
        assertThat(TableRows.count(db, RowQuery.of("untyped").where(Filter.equal("id", "5")), Cancellation.none()))
                .isEqualTo(2);
        assertThat(TableRows.count(
                        db,
                        RowQuery.of("untyped").where(new Filter("id", Filter.Op.NOT_EQUALS, "5")),
                        Cancellation.none()))
                .isEqualTo(1);
    }

    @Test
    void aNameWithAQuestionMarkSortsAndFilters() {
        db.useWrite(h -> {
            h.execute("CREATE TABLE IF NOT EXISTS \"wh?at\" (\"a?\" INTEGER)");
            h.execute("DELETE FROM \"wh?at\"");
            h.execute("INSERT INTO \"wh?at\" VALUES (2), (1), (3)");
        });
        RowQuery query = RowQuery.of("wh?at")
                .where(new Filter("a?", Filter.Op.GREATER, 1))
                .sortedBy(Sort.descending("a?"));
        assertThat(TableRows.first(db, query, 5).rows())
                .extracting(r -> r.values().get(0))
                .containsExactly(3L, 2L);
    }

    @Test
    void facetsCountTheMostCommonValuesAndSayWhenTheyAreASample() {
        Facet exact = Facets.of(db, RowQuery.of("items"), "grp", 20, ROWS); // a sample as large as the table
        assertThat(exact.complete()).isTrue();
        Facet all = Facets.of(db, RowQuery.of("items"), "grp", 20, 1_000_000);
        assertThat(all.complete()).isTrue();
        assertThat(all.scanned()).isEqualTo(ROWS);
        long nulls = EXPECTED.stream().filter(r -> r[1] == null).count();
        assertThat(all.values()).anySatisfy(v -> {
            assertThat(v.value()).isNull();
            assertThat(v.count()).isEqualTo(nulls);
        });
        long fives = EXPECTED.stream().filter(r -> Long.valueOf(5).equals(r[1])).count();
        assertThat(all.values()).contains(new Facet.Value(5L, fives));
        assertThat(all.values().get(0).count()).isEqualTo(nulls); // the most common first

        Facet sample = Facets.of(db, RowQuery.of("items"), "grp", 3, 1_000);
        assertThat(sample.complete()).isFalse();
        assertThat(sample.scanned()).isEqualTo(1_000); // the newest 1,000 rows
        assertThat(sample.values()).hasSize(3);
    }

    @Test
    void exportsStreamEveryMatchingRowAndReadBackEqual() throws Exception {
        RowQuery query = RowQuery.of("items")
                .where(new Filter("id", Filter.Op.LESS, 2000))
                .sortedBy(Sort.ascending("grp"));
        StringWriter csv = new StringWriter();
        TableRows.export(db, query, ExportFormat.CSV, csv, Long.MAX_VALUE, Cancellation.none());
        StringWriter jsonl = new StringWriter();
        TableRows.export(db, query, ExportFormat.JSON_LINES, jsonl, Long.MAX_VALUE, Cancellation.none());

        List<Object[]> expected = EXPECTED.stream()
                .filter(r -> (Long) r[0] < 2000)
                .sorted(Comparator.comparing(
                                (Object[] r) -> (Long) r[1], Comparator.nullsFirst(Comparator.naturalOrder()))
                        .thenComparing(r -> (Long) r[0]))
                .toList();
        String[] lines = csv.toString().split("\r\n");
        assertThat(lines[0]).isEqualTo("id,grp,label");
        assertThat(lines).hasSize(expected.size() + 1);
        for (int i = 0; i < expected.size(); i++) {
            Object[] r = expected.get(i);
            assertThat(lines[i + 1]).isEqualTo(r[0] + "," + (r[1] == null ? "" : r[1]) + "," + r[2]);
        }
        ObjectMapper json = new ObjectMapper();
        String[] objects = jsonl.toString().split("\n");
        assertThat(objects).hasSize(expected.size());
        for (int i = 0; i < expected.size(); i++) {
            JsonNode node = json.readTree(objects[i]);
            assertThat(node.get("id").asLong()).isEqualTo(expected.get(i)[0]);
            assertThat(node.get("grp").isNull()).isEqualTo(expected.get(i)[1] == null);
            assertThat(node.get("label").asText()).isEqualTo(expected.get(i)[2]);
            assertThat(objects[i]).startsWith("{\"grp\":"); // canonical: keys sorted
        }
    }

    private static RowQuery query(String order) {
        RowQuery query = RowQuery.of("items");
        if (order.equals("key")) {
            return query;
        }
        String[] parts = order.split(" ");
        return query.sortedBy(new Sort(parts[0], parts[1].equals("desc")));
    }

    /** SQLite's order: NULLs first ascending, last descending; ties by id in the same direction. */
    private static List<Long> expectedIds(String order) {
        Comparator<Object[]> byId = Comparator.comparing(r -> (Long) r[0]);
        Comparator<Object[]> comparator = switch (order) {
            case "key" -> byId;
            case "id desc" -> byId.reversed();
            case "label asc" ->
                Comparator.comparing((Object[] r) -> (String) r[2]).thenComparing(byId);
            default -> {
                Comparator<Object[]> byGrp = Comparator.comparing(
                        (Object[] r) -> (Long) r[1], Comparator.nullsFirst(Comparator.<Long>naturalOrder()));
                Comparator<Object[]> asc = byGrp.thenComparing(byId);
                yield order.endsWith("desc") ? asc.reversed() : asc;
            }
        };
        return EXPECTED.stream().sorted(comparator).map(r -> (Long) r[0]).toList();
    }

    private static List<Long> ids(RowPage page) {
        Function<Row, Long> id = r -> (Long) r.values().get(0);
        return page.rows().stream().map(id).toList();
    }
}
