package dev.runstore.desktop.sql;

import dev.runstore.desktop.panel.Panel;
import dev.runstore.desktop.panel.PanelContext;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;

/** The SQL panel: runs only when asked, so showing or refreshing it reads nothing. */
public final class SqlViewModel implements Panel {
    private final PanelContext context;
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper(false);

    public SqlViewModel(PanelContext context) {
        this.context = context;
    }

    @Override
    public void activate() {}

    @Override
    public void deactivate() {}

    @Override
    public void refresh() {}

    @Override
    public void reset() {}

    @Override
    public ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }

    PanelContext context() {
        return context;
    }
}
