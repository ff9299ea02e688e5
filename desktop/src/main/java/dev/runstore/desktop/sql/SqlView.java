package dev.runstore.desktop.sql;

/** The SQL panel's controller. */
public final class SqlView {
    public void bind(SqlViewModel viewModel) {}
}
