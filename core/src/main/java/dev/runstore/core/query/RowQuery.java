package dev.runstore.core.query;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Which rows of which table or view, in which order: what the browser shows and export writes. */
public record RowQuery(String table, List<Filter> filters, Optional<Sort> sort) {
    public RowQuery {
        Objects.requireNonNull(table, "table");
        filters = List.copyOf(filters);
        Objects.requireNonNull(sort, "sort");
    }

    /** Every row of {@code table}, in key order. */
    public static RowQuery of(String table) {
        return new RowQuery(table, List.of(), Optional.empty());
    }

    public RowQuery where(Filter filter) {
        List<Filter> more = new ArrayList<>(filters);
        more.add(filter);
        return new RowQuery(table, more, sort);
    }

    public RowQuery withFilters(List<Filter> replaced) {
        return new RowQuery(table, replaced, sort);
    }

    public RowQuery sortedBy(Sort by) {
        return new RowQuery(table, filters, Optional.of(by));
    }

    public RowQuery unsorted() {
        return new RowQuery(table, filters, Optional.empty());
    }
}
