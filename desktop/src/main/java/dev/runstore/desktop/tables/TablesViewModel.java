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

    /** "1.2 MiB" for people. */
    public static String humanBytes(Long bytes) {
        if (bytes == null) {
            return "–";
        }
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(java.util.Locale.ROOT, "%.1f %s", value, units[unit]);
    }
}
