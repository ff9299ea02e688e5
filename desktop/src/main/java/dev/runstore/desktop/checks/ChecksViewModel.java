package dev.runstore.desktop.checks;

import dev.runstore.core.admin.CheckReport;
import dev.runstore.core.admin.CheckResult;
import dev.runstore.desktop.data.DatabaseSession;
import dev.runstore.desktop.panel.LoadingPanel;
import dev.runstore.desktop.panel.PanelContext;
import java.util.Comparator;
import java.util.concurrent.Callable;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Checks panel: core's index and health checks, each pass or fail with its detail. They read
 * every page of the file (quick_check), so they run once per opened database, when the tab is
 * first shown, and again only on "Run checks" ({@link #runChecks}): never on a live refresh.
 */
public final class ChecksViewModel extends LoadingPanel<CheckReport> {
    private final ObservableList<CheckResult> checks = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper ok = new ReadOnlyBooleanWrapper(true);

    public ChecksViewModel(PanelContext context) {
        super(context);
    }

    /** The "Run checks" button. */
    public void runChecks() {
        summary.set("Running the checks…");
        reload();
    }

    @Override
    protected boolean reloadsOnRefresh() {
        return false;
    }

    @Override
    protected Callable<CheckReport> loader(DatabaseSession session) {
        return session::checks;
    }

    @Override
    protected void show(CheckReport report) {
        // Failures first, each group in core's order: a failing check is never below the fold.
        checks.setAll(report.checks().stream()
                .sorted(Comparator.comparing(CheckResult::passed))
                .toList());
        long failed = report.checks().stream().filter(c -> !c.passed()).count();
        ok.set(report.ok());
        summary.set(
                failed == 0
                        ? "All " + report.checks().size() + " checks passed"
                        : failed + " of " + report.checks().size() + " checks failed");
    }

    @Override
    protected void clear() {
        checks.clear();
        ok.set(true);
        summary.set("");
    }

    public ObservableList<CheckResult> checks() {
        return checks;
    }

    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty okProperty() {
        return ok.getReadOnlyProperty();
    }
}
