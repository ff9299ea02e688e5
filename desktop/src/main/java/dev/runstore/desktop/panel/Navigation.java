package dev.runstore.desktop.panel;

import dev.runstore.core.query.Filter;
import java.util.List;

/** How one panel sends the person to another: the overview's links and charts, structure's "Browse rows". */
public interface Navigation {
    /** Which tab to show. */
    enum Target {
        OVERVIEW,
        RUNS,
        BROWSE,
        STRUCTURE,
        SQL,
        TABLES,
        MIGRATIONS,
        CHECKS
    }

    void show(Target target);

    /** Opens {@code table}'s rows in the Browse panel. */
    void browse(String table);

    /** Opens {@code table}'s rows that pass {@code filters} in the Browse panel (a chart's bar). */
    void browse(String table, List<Filter> filters);

    /** Shows the run {@code runId} in the Runs panel, selected (a bar of the runs timeline). */
    void showRun(long runId);

    /** Does nothing: for view models tested alone. */
    Navigation NONE = new Navigation() {
        @Override
        public void show(Target target) {}

        @Override
        public void browse(String table) {}

        @Override
        public void browse(String table, List<Filter> filters) {}

        @Override
        public void showRun(long runId) {}
    };
}
