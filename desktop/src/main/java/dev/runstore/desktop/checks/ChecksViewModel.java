package dev.runstore.desktop.checks;

import dev.runstore.core.admin.CheckReport;
import dev.runstore.core.admin.CheckResult;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** The Checks panel: core's index and health checks, each pass or fail with its detail. */
public final class ChecksViewModel {
    private final ObservableList<CheckResult> checks = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper ok = new ReadOnlyBooleanWrapper(true);

    public void show(CheckReport report) {
        checks.setAll(report.checks());
        long failed = report.checks().stream().filter(c -> !c.passed()).count();
        ok.set(report.ok());
        summary.set(
                failed == 0
                        ? "All " + report.checks().size() + " checks passed"
                        : failed + " of " + report.checks().size() + " checks failed");
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
