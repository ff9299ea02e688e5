package dev.runstore.desktop.browse;

import dev.runstore.core.catalog.ForeignKey;
import dev.runstore.core.catalog.SchemaObject;
import dev.runstore.core.catalog.TableStructure;
import dev.runstore.core.query.Cancellation;
import dev.runstore.core.query.ExportFormat;
import dev.runstore.core.query.Facet;
import dev.runstore.core.query.Filter;
import dev.runstore.core.query.Row;
import dev.runstore.core.query.RowPage;
import dev.runstore.core.query.RowQuery;
import dev.runstore.core.query.Sort;
import dev.runstore.core.query.TableRows.Go;
import dev.runstore.desktop.data.DatabaseSession;
import dev.runstore.desktop.grid.CellDetail;
import dev.runstore.desktop.panel.LoadingPanel;
import dev.runstore.desktop.panel.PanelContext;
import dev.runstore.desktop.task.TaskHandle;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Browse panel. Every page is one short read through core's {@code TableRows} (keyset paging:
 * a page deep in ten million rows costs what the first does), and a live refresh re-reads the page
 * shown from the same place, so the view stays put while rows arrive. The row count runs in the
 * background: first up to {@link #QUICK_COUNT} ("more than 10,000"), then to the end, cancelled
 * when the query changes; the grid never waits for it.
 */
public final class BrowseViewModel extends LoadingPanel<BrowseViewModel.Loaded> {
    static final int PAGE_SIZE = 200;
    static final long QUICK_COUNT = 10_000;

    /** One load: the tables to choose from, and the chosen one's structure and page. */
    public record Loaded(List<String> tables, TableStructure structure, RowPage page, Go go) {}

    private final ObservableList<String> tables = FXCollections.observableArrayList();
    private final ObjectProperty<String> table = new SimpleObjectProperty<>();
    private final ObservableList<Filter> filters = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<Optional<Sort>> sort = new ReadOnlyObjectWrapper<>(Optional.empty());
    private final ObservableList<String> columns = FXCollections.observableArrayList();
    private final ObservableList<List<Object>> rows = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper position = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper note = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper cell = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper followLabel = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper exported = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper hasBefore = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper hasAfter = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyObjectWrapper<Facet> facet = new ReadOnlyObjectWrapper<>();

    private TableStructure structure;
    private RowPage page;
    /** How the shown page was asked for, so a refresh reads it again from the same place. */
    private Go go = Go.FIRST;

    private Row boundary;
    private OptionalLong offset = OptionalLong.of(0);
    private OptionalLong count = OptionalLong.empty();
    private boolean countComplete;
    private TaskHandle counting;
    private Cancellation countCancel = Cancellation.none();
    private ForeignKey followable;
    private TaskHandle faceting;
    private Cancellation pageCancel = Cancellation.none();

    /** A live refresh re-reads the page only when it was cheap: an unindexed sort of ten million rows is not. */
    static final long REFRESH_BUDGET_MILLIS = 250;

    private volatile long lastLoadMillis;
    private Object followValue;

    public BrowseViewModel(PanelContext context) {
        super(context);
        table.addListener((o, was, now) -> {
            if (now != null && !now.equals(was)) {
                filters.clear();
                sort.set(Optional.empty());
                facet.set(null);
                load(Go.FIRST, null);
            }
        });
    }

    // ---- commands ------------------------------------------------------------------------------

    /** Shows {@code name}'s rows from the first, with no filter (the overview's and structure's links). */
    public void open(String name) {
        if (name.equals(table.get())) {
            filters.clear();
            sort.set(Optional.empty());
            load(Go.FIRST, null);
        } else {
            table.set(name);
        }
    }

    /** Shows {@code name}'s rows that pass {@code wanted} from the first (a chart's bar: a level in a time range). */
    public void open(String name, List<Filter> wanted) {
        open(name);
        filters.setAll(wanted);
        load(Go.FIRST, null);
    }

    public void first() {
        load(Go.FIRST, null);
    }

    public void next() {
        if (page != null && !page.rows().isEmpty() && page.hasAfter()) {
            load(Go.AFTER, page.rows().get(page.rows().size() - 1));
        }
    }

    public void previous() {
        if (page != null && !page.rows().isEmpty() && page.hasBefore()) {
            load(Go.BEFORE, page.rows().get(0));
        }
    }

    public void last() {
        load(Go.LAST, null);
    }

    /** A header click: sort by {@code column} (null: the table's key order). */
    public void sortBy(String column, boolean descending) {
        Optional<Sort> wanted = column == null ? Optional.empty() : Optional.of(new Sort(column, descending));
        if (!wanted.equals(sort.get())) {
            sort.set(wanted);
            load(Go.FIRST, null);
        }
    }

    public void addFilter(Filter filter) {
        filters.add(filter);
        load(Go.FIRST, null);
    }

    public void removeFilter(Filter filter) {
        if (filters.remove(filter)) {
            load(Go.FIRST, null);
        }
    }

    public void clearFilters() {
        if (!filters.isEmpty()) {
            filters.clear();
            load(Go.FIRST, null);
        }
    }

    /** The most common values of {@code column} among the matching rows (bounded: a sample on huge tables). */
    public void facet(String column) {
        DatabaseSession session = context.session().get();
        RowQuery query = query();
        if (session == null || query == null) {
            return;
        }
        if (faceting != null) {
            faceting.cancel();
        }
        // Shown only while the grid still shows the query it describes (another table, a filter).
        faceting = context.executor()
                .execute(
                        () -> session.facet(query, column),
                        found -> {
                            if (query.equals(query())) {
                                facet.set(found);
                            }
                        },
                        context.errors());
    }

    /** A facet value clicked: keep only rows holding it. */
    public void applyFacet(Facet.Value value) {
        Facet shown = facet.get();
        if (shown != null) {
            addFilter(
                    value.value() == null
                            ? new Filter(shown.column(), Filter.Op.IS_NULL, null)
                            : Filter.equal(shown.column(), value.value()));
        }
    }

    /** The grid's selected cell: shown whole in the viewer; a foreign key's value can be followed. */
    public void selectCell(String column, Object value) {
        cell.set(column == null ? "" : CellDetail.describe(value));
        followable = column == null || structure == null || value == null
                ? null
                : structure
                        .foreignKeyOf(column)
                        .filter(fk -> fk.referencedColumns().size() == 1)
                        .orElse(null);
        followValue = value;
        followLabel.set(
                followable == null
                        ? ""
                        : "Open " + followable.table() + " where "
                                + followable.referencedColumns().get(0) + " = " + CellDetail.oneLine(value));
    }

    /** Opens the row the selected foreign-key cell references (an event's run_id opens its run). */
    public void follow() {
        if (followable == null) {
            return;
        }
        ForeignKey target = followable;
        Object value = followValue;
        // REFERENCES names the table as it was typed; the catalog's spelling may differ in case.
        String referenced = tables.stream()
                .filter(t -> t.equalsIgnoreCase(target.table()))
                .findFirst()
                .orElse(target.table());
        table.set(referenced);
        filters.setAll(List.of(Filter.equal(target.referencedColumns().get(0), value)));
        load(Go.FIRST, null);
    }

    /** Writes every matching row (not only this page) to {@code file}. */
    public void export(ExportFormat format, Path file) {
        DatabaseSession session = context.session().get();
        RowQuery query = query();
        if (session == null || query == null) {
            return;
        }
        exported.set("Exporting to " + file.getFileName() + "…");
        context.executor()
                .execute(
                        () -> session.export(query, format, file, new Cancellation()),
                        written -> exported.set(String.format(Locale.ROOT, "Exported %,d rows to %s", written, file)),
                        failure -> {
                            exported.set("");
                            context.errors().accept(failure);
                        });
    }

    // ---- loading -------------------------------------------------------------------------------

    @Override
    protected Callable<Loaded> loader(DatabaseSession session) {
        String chosen = table.get();
        RowQuery query = query();
        Go asked = go;
        Row from = boundary;
        // A new page asked for while one is read: the old statement is stopped, not only ignored
        // (an unindexed sort reads every row, and two of them would hold both readers).
        pageCancel.cancel();
        Cancellation cancel = new Cancellation();
        pageCancel = cancel;
        return () -> {
            long started = System.nanoTime();
            try {
                return load(session, chosen, query, asked, from, cancel);
            } finally {
                lastLoadMillis = (System.nanoTime() - started) / 1_000_000;
            }
        };
    }

    @Override
    protected boolean reloadsOnRefresh() {
        return lastLoadMillis <= REFRESH_BUDGET_MILLIS;
    }

    private static Loaded load(
            DatabaseSession session, String chosen, RowQuery query, Go asked, Row from, Cancellation cancel) {
        List<String> names = session.objects().stream()
                .filter(o -> o.type().equals("table") || o.type().equals("view"))
                .map(SchemaObject::name)
                .toList();
        if (chosen == null || !names.contains(chosen)) {
            return new Loaded(names, null, null, asked);
        }
        TableStructure described = session.structure(chosen);
        return new Loaded(names, described, session.rows(query, asked, from, PAGE_SIZE, cancel), asked);
    }

    @Override
    protected void show(Loaded loaded) {
        if (!tables.equals(loaded.tables())) {
            tables.setAll(loaded.tables());
        }
        if (loaded.structure() == null) {
            structure = null;
            page = null;
            columns.clear();
            rows.clear();
            position.set(tables.isEmpty() ? "This database has no tables yet." : "Choose a table or view.");
            note.set("");
            hasBefore.set(false);
            hasAfter.set(false);
            return;
        }
        boolean restartCount = queryChanged
                || structure == null
                || !structure.name().equals(loaded.structure().name());
        structure = loaded.structure();
        RowPage previous = page;
        page = loaded.page();
        if (newRequest) {
            offset = nextOffset(previous, loaded.go());
            newRequest = false;
        }
        if (!columns.equals(page.columns())) {
            columns.setAll(page.columns());
        }
        List<List<Object>> values = page.rows().stream().map(Row::values).toList();
        if (!rows.equals(values)) {
            rows.setAll(values); // a refresh that read the same rows leaves the grid's selected cell alone
        }
        hasBefore.set(page.hasBefore());
        hasAfter.set(page.hasAfter());
        note.set(notes(page));
        if (restartCount) {
            startCount();
        }
        showPosition();
        queryChanged = false;
    }

    /** Set when the query changed since the shown page: the next page shown restarts the count. */
    private boolean queryChanged = true;

    /** Set by a page asked for; a live refresh re-reads the page shown and keeps its position. */
    private boolean newRequest = true;

    private OptionalLong nextOffset(RowPage previous, Go asked) {
        return switch (asked) {
            case FIRST -> OptionalLong.of(0);
            case AFTER ->
                offset.isPresent() && previous != null
                        ? OptionalLong.of(offset.getAsLong() + previous.rows().size())
                        : OptionalLong.empty();
            case BEFORE ->
                offset.isPresent()
                        ? OptionalLong.of(
                                Math.max(0, offset.getAsLong() - page.rows().size()))
                        : OptionalLong.empty();
            case LAST ->
                count.isPresent() && countComplete
                        ? OptionalLong.of(
                                Math.max(0, count.getAsLong() - page.rows().size()))
                        : OptionalLong.empty();
        };
    }

    private void load(Go asked, Row from) {
        go = asked;
        boundary = from;
        newRequest = true;
        if (asked == Go.FIRST) {
            queryChanged = true; // FIRST is how every new table, filter and sort starts
            cancelCount();
        }
        reload();
    }

    private void startCount() {
        cancelCount();
        DatabaseSession session = context.session().get();
        RowQuery query = query();
        if (session == null || query == null) {
            return;
        }
        count = OptionalLong.empty();
        countComplete = false;
        Cancellation cancel = new Cancellation();
        countCancel = cancel;
        counting = context.executor()
                .execute(
                        () -> session.countUpTo(query, QUICK_COUNT + 1),
                        quick -> {
                            count = OptionalLong.of(quick);
                            countComplete = quick <= QUICK_COUNT;
                            showPosition();
                            if (!countComplete && !cancel.isCancelled()) {
                                counting = context.executor()
                                        .execute(
                                                () -> session.count(query, cancel),
                                                all -> {
                                                    count = OptionalLong.of(all);
                                                    countComplete = true;
                                                    if (go == Go.LAST) {
                                                        offset = OptionalLong.of(Math.max(
                                                                0,
                                                                all
                                                                        - page.rows()
                                                                                .size()));
                                                    }
                                                    showPosition();
                                                },
                                                failure -> {
                                                    // a cancelled count is replaced by the next; others go to the
                                                    // banner
                                                    if (!cancel.isCancelled()) {
                                                        context.errors().accept(failure);
                                                    }
                                                });
                            }
                        },
                        failure -> {
                            if (!cancel.isCancelled()) {
                                context.errors().accept(failure);
                            }
                        });
    }

    private void cancelCount() {
        countCancel.cancel();
        if (counting != null) {
            counting.cancel();
            counting = null;
        }
    }

    private void showPosition() {
        if (page == null) {
            return;
        }
        String total = count.isEmpty()
                ? "counting…"
                : countComplete
                        ? String.format(Locale.ROOT, "%,d", count.getAsLong())
                        : String.format(Locale.ROOT, "more than %,d (counting…)", QUICK_COUNT);
        String what = filters.isEmpty() ? "rows" : "matching rows";
        if (page.rows().isEmpty()) {
            position.set("No " + what + (filters.isEmpty() ? " in this " + structure.type() : ""));
            return;
        }
        String range = offset.isPresent()
                ? String.format(
                        Locale.ROOT,
                        "Rows %,d–%,d",
                        offset.getAsLong() + 1,
                        offset.getAsLong() + page.rows().size())
                : String.format(Locale.ROOT, "%,d rows", page.rows().size());
        position.set(range + " of " + total + " " + what);
    }

    private String notes(RowPage shown) {
        List<String> notes = new ArrayList<>();
        if (shown.paging() == RowPage.Paging.OFFSET) {
            notes.add("A " + structure.type()
                    + " has no key: pages are found by position, so deep pages read the rows before them.");
        }
        if (!shown.sortUsesIndex()) {
            notes.add("No index serves this sort: every page sorts all matching rows.");
        }
        return String.join(" ", notes);
    }

    @Override
    protected void clear() {
        cancelCount();
        pageCancel.cancel();
        if (faceting != null) {
            faceting.cancel();
            faceting = null;
        }
        tables.clear();
        table.set(null);
        filters.clear();
        sort.set(Optional.empty());
        columns.clear();
        rows.clear();
        structure = null;
        page = null;
        go = Go.FIRST;
        boundary = null;
        count = OptionalLong.empty();
        position.set("");
        note.set("");
        cell.set("");
        followLabel.set("");
        followable = null;
        exported.set("");
        facet.set(null);
        queryChanged = true;
        newRequest = true;
    }

    /** The query the grid shows, or null before a table is chosen. */
    public RowQuery query() {
        String chosen = table.get();
        if (chosen == null) {
            return null;
        }
        RowQuery query = RowQuery.of(chosen).withFilters(List.copyOf(filters));
        return sort.get().map(query::sortedBy).orElse(query);
    }

    // ---- properties ----------------------------------------------------------------------------

    public ObservableList<String> tables() {
        return tables;
    }

    public ObjectProperty<String> tableProperty() {
        return table;
    }

    public ObservableList<Filter> filters() {
        return filters;
    }

    public ReadOnlyObjectProperty<Optional<Sort>> sortProperty() {
        return sort.getReadOnlyProperty();
    }

    public ObservableList<String> columns() {
        return columns;
    }

    public ObservableList<List<Object>> rows() {
        return rows;
    }

    /** "Rows 201–400 of 1,234,567 rows", "… of more than 10,000 (counting…)". */
    public ReadOnlyStringProperty positionProperty() {
        return position.getReadOnlyProperty();
    }

    /** Why paging or sorting costs more here (a view, an unindexed sort); empty otherwise. */
    public ReadOnlyStringProperty noteProperty() {
        return note.getReadOnlyProperty();
    }

    /** The selected cell in full. */
    public ReadOnlyStringProperty cellProperty() {
        return cell.getReadOnlyProperty();
    }

    /** "Open runs where id = 3" when the selected cell is a foreign key; empty otherwise. */
    public ReadOnlyStringProperty followLabelProperty() {
        return followLabel.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty exportedProperty() {
        return exported.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty hasBeforeProperty() {
        return hasBefore.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty hasAfterProperty() {
        return hasAfter.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Facet> facetProperty() {
        return facet.getReadOnlyProperty();
    }

    /** The structure of the table shown, or null. */
    public TableStructure structure() {
        return structure;
    }
}
