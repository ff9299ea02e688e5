package dev.runstore.desktop.panel;

/** How one panel sends the person to another: the overview's links, structure's "Browse rows". */
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

    /** Does nothing: for view models tested alone. */
    Navigation NONE = new Navigation() {
        @Override
        public void show(Target target) {}

        @Override
        public void browse(String table) {}
    };
}
