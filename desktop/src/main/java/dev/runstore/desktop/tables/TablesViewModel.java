package dev.runstore.desktop.tables;

import dev.runstore.desktop.data.DatabaseSession;
import dev.runstore.desktop.data.TableStats;
import dev.runstore.desktop.panel.LoadingPanel;
import dev.runstore.desktop.panel.PanelContext;
import java.util.concurrent.Callable;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** The Tables panel: every table with its row count and, where dbstat exists, its size. */
public final class TablesViewModel extends LoadingPanel<TableStats> {
    private final ObservableList<TableRow> tables = FXCollections.observableArrayList();
    private final ReadOnlyBooleanWrapper sizesKnown = new ReadOnlyBooleanWrapper(false);

    public TablesViewModel(PanelContext context) {
        super(context);
    }

    @Override
    protected Callable<TableStats> loader(DatabaseSession session) {
        return session::tables;
    }

    @Override
    protected void show(TableStats stats) {
        sizesKnown.set(stats.sizes().isPresent());
        tables.setAll(stats.counts().entrySet().stream()
                .map(e -> new TableRow(
                        e.getKey(),
                        e.getValue(),
                        stats.sizes().map(s -> s.get(e.getKey())).orElse(null)))
                .toList());
    }

    @Override
    protected void clear() {
        tables.clear();
    }

    public ObservableList<TableRow> tables() {
        return tables;
    }

    public ReadOnlyBooleanProperty sizesKnownProperty() {
        return sizesKnown.getReadOnlyProperty();
    }
}
