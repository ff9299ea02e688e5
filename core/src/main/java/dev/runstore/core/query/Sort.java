package dev.runstore.core.query;

import java.util.Objects;

/** Rows ordered by one column; ties (and rows without the column's value) in key order. */
public record Sort(String column, boolean descending) {
    public Sort {
        Objects.requireNonNull(column, "column");
    }

    public static Sort ascending(String column) {
        return new Sort(column, false);
    }

    public static Sort descending(String column) {
        return new Sort(column, true);
    }
}
