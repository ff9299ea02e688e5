package dev.runstore.desktop.structure;

import dev.runstore.core.catalog.Column;
import dev.runstore.core.catalog.ForeignKey;
import dev.runstore.core.catalog.IndexInfo;
import dev.runstore.core.catalog.SchemaObject;
import dev.runstore.core.catalog.TableStructure;
import dev.runstore.desktop.data.DatabaseSession;
import dev.runstore.desktop.panel.LoadingPanel;
import dev.runstore.desktop.panel.PanelContext;
import dev.runstore.desktop.task.TaskHandle;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Structure panel: the schema's objects (loaded on show and on refresh: one catalog query), and
 * the selected one's details (loaded when selected). A refresh keeps the selection by name.
 */
public final class StructureViewModel extends LoadingPanel<List<SchemaObject>> {
    private final ObservableList<SchemaObject> objects = FXCollections.observableArrayList();
    private final ObjectProperty<SchemaObject> selected = new SimpleObjectProperty<>();
    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper sql = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper browsable = new ReadOnlyBooleanWrapper(false);
    private final ObservableList<Column> columns = FXCollections.observableArrayList();
    private final ObservableList<String> foreignKeys = FXCollections.observableArrayList();
    private final ObservableList<IndexInfo> indexes = FXCollections.observableArrayList();
    private final ObservableList<String> triggers = FXCollections.observableArrayList();
    private TaskHandle detail;

    public StructureViewModel(PanelContext context) {
        super(context);
        selected.addListener((o, was, now) -> {
            if (!Objects.equals(was, now)) {
                showDetail(now);
            }
        });
    }

    @Override
    protected Callable<List<SchemaObject>> loader(DatabaseSession session) {
        return session::objects;
    }

    @Override
    protected void show(List<SchemaObject> loaded) {
        SchemaObject was = selected.get();
        objects.setAll(loaded);
        if (was != null) {
            SchemaObject again = loaded.stream()
                    .filter(o -> o.name().equals(was.name()) && o.type().equals(was.type()))
                    .findFirst()
                    .orElse(null);
            selected.set(again);
        }
    }

    @Override
    protected void clear() {
        objects.clear();
        selected.set(null);
        showDetail(null);
    }

    /** Selects the table or view {@code name}, when listed. */
    public void select(String name) {
        objects.stream().filter(o -> o.name().equals(name)).findFirst().ifPresent(selected::set);
    }

    private void showDetail(SchemaObject object) {
        if (detail != null) {
            detail.cancel();
            detail = null;
        }
        columns.clear();
        foreignKeys.clear();
        indexes.clear();
        triggers.clear();
        browsable.set(false);
        if (object == null) {
            title.set("");
            summary.set(objects.isEmpty() ? "" : "Select an object to see its structure.");
            sql.set("");
            return;
        }
        title.set(object.type() + " " + object.name());
        sql.set(object.sql().isEmpty() ? "(made by the engine for a constraint; no CREATE statement)" : object.sql());
        if (!object.type().equals("table") && !object.type().equals("view")) {
            summary.set("on table " + object.table());
            return;
        }
        summary.set("Loading…");
        DatabaseSession session = context.session().get();
        if (session == null) {
            return;
        }
        detail = context.executor()
                .execute(
                        () -> session.structure(object.name()),
                        structure -> {
                            if (object.equals(selected.get())) {
                                showStructure(structure);
                            }
                        },
                        failure -> {
                            summary.set("");
                            context.errors().accept(failure);
                        });
    }

    private void showStructure(TableStructure structure) {
        columns.setAll(structure.columns());
        structure.foreignKeys().forEach(fk -> foreignKeys.add(describe(fk)));
        indexes.setAll(structure.indexes());
        structure.triggers().forEach(t -> triggers.add(t.name()));
        browsable.set(true);
        summary.set(structure.columns().size() + " columns · "
                + (structure.key().isEmpty()
                        ? "no key: paged by position"
                        : "rows identified by " + String.join(", ", structure.key()))
                + " · " + structure.indexes().size() + " indexes");
        sql.set(structure.sql().isEmpty() ? sql.get() : structure.sql());
    }

    static String describe(ForeignKey fk) {
        return String.join(", ", fk.columns()) + " → " + fk.table() + " (" + String.join(", ", fk.referencedColumns())
                + ")";
    }

    public ObservableList<SchemaObject> objects() {
        return objects;
    }

    public ObjectProperty<SchemaObject> selectedProperty() {
        return selected;
    }

    public ReadOnlyStringProperty titleProperty() {
        return title.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty sqlProperty() {
        return sql.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty browsableProperty() {
        return browsable.getReadOnlyProperty();
    }

    public ObservableList<Column> columns() {
        return columns;
    }

    public ObservableList<String> foreignKeys() {
        return foreignKeys;
    }

    public ObservableList<IndexInfo> indexes() {
        return indexes;
    }

    public ObservableList<String> triggers() {
        return triggers;
    }
}
