package dev.runstore.desktop.panel;

import javafx.beans.property.ReadOnlyBooleanProperty;

/** One tab's view model, as the main view model drives it (the rule is in package-info). */
public interface Panel {
    /** What runstore's own panels (Runs, Migrations) say over a SQLite file that is not runstore's. */
    String NOT_RUNSTORE = "Not a runstore database — no runs or events tables.";

    /** The tab became visible: load now if stale. */
    void activate();

    /** The tab was hidden: refreshes only mark it stale until it is shown again. */
    void deactivate();

    /** Live refresh or F5: reload if visible (as the panel decides; Checks does not re-run), else mark stale. */
    void refresh();

    /** Another database, or none, is open: drop what is shown and any load in flight; stale. */
    void reset();

    /** Whether a load is in flight. */
    ReadOnlyBooleanProperty loadingProperty();
}
