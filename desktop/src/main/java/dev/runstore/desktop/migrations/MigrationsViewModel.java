package dev.runstore.desktop.migrations;

import dev.runstore.core.migrate.AppliedMigration;
import dev.runstore.core.migrate.MigrationStatus;
import dev.runstore.core.migrate.PendingMigration;
import dev.runstore.desktop.data.DatabaseSession;
import dev.runstore.desktop.panel.LoadingPanel;
import dev.runstore.desktop.panel.Panel;
import dev.runstore.desktop.panel.PanelContext;
import java.util.Optional;
import java.util.concurrent.Callable;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Migrations panel: where the schema stands, its history, and problems (shown in red). Over a
 * SQLite file without runstore's tables it says so ({@link #notRunstoreProperty}) instead.
 */
public final class MigrationsViewModel extends LoadingPanel<Optional<MigrationStatus>> {
    private final ReadOnlyBooleanWrapper notRunstore = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper current = new ReadOnlyStringWrapper("–");
    private final ReadOnlyStringWrapper latest = new ReadOnlyStringWrapper("–");
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper environment = new ReadOnlyStringWrapper("–");
    private final ReadOnlyBooleanWrapper healthy = new ReadOnlyBooleanWrapper(true);
    private final ObservableList<AppliedMigration> history = FXCollections.observableArrayList();
    private final ObservableList<PendingMigration> pending = FXCollections.observableArrayList();
    private final ObservableList<String> problems = FXCollections.observableArrayList();

    public MigrationsViewModel(PanelContext context) {
        super(context);
    }

    @Override
    protected Callable<Optional<MigrationStatus>> loader(DatabaseSession session) {
        return () -> session.isRunstore() ? Optional.of(session.migrationStatus()) : Optional.empty();
    }

    @Override
    protected void show(Optional<MigrationStatus> loaded) {
        notRunstore.set(loaded.isEmpty());
        if (loaded.isEmpty()) {
            clear();
            summary.set(Panel.NOT_RUNSTORE);
            return;
        }
        MigrationStatus status = loaded.get();
        current.set(status.currentVersion() == null ? "none" : status.currentVersion());
        latest.set(status.latestVersion());
        environment.set(status.environment() == null ? "not recorded" : status.environment());
        healthy.set(status.problems().isEmpty());
        summary.set(
                status.upToDate()
                        ? "Up to date"
                        : !status.problems().isEmpty()
                                ? status.problems().size() + " problem(s)"
                                : status.pending().size() + " pending — run `runstore migrate`");
        history.setAll(status.applied());
        pending.setAll(status.pending());
        problems.setAll(status.problems());
    }

    @Override
    protected void clear() {
        current.set("–");
        latest.set("–");
        environment.set("–");
        summary.set("");
        healthy.set(true);
        history.clear();
        pending.clear();
        problems.clear();
    }

    /** True over a SQLite file that has no runs or events table. */
    public ReadOnlyBooleanProperty notRunstoreProperty() {
        return notRunstore.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty currentProperty() {
        return current.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty latestProperty() {
        return latest.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty environmentProperty() {
        return environment.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty healthyProperty() {
        return healthy.getReadOnlyProperty();
    }

    public ObservableList<AppliedMigration> history() {
        return history;
    }

    public ObservableList<PendingMigration> pending() {
        return pending;
    }

    public ObservableList<String> problems() {
        return problems;
    }
}
