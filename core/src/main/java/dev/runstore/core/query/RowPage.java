package dev.runstore.core.query;

import java.util.List;

/**
 * One page of a table's rows.
 *
 * @param columns the column names, in table order
 * @param hasBefore whether rows come before the first of this page
 * @param hasAfter whether rows come after the last of this page
 * @param paging how pages are found: by key (any page costs the same) or by position (views)
 * @param sortUsesIndex false when the engine sorts the rows itself because no index serves the
 *     order: the browser says so, since every page then reads every matching row
 */
public record RowPage(
        List<String> columns,
        List<Row> rows,
        boolean hasBefore,
        boolean hasAfter,
        Paging paging,
        boolean sortUsesIndex) {
    public RowPage {
        columns = List.copyOf(columns);
        rows = List.copyOf(rows);
    }

    /** How the pages of a table are found. */
    public enum Paging {
        /** By the rowid or primary key (with the sort column): no OFFSET walk, however deep. */
        KEYSET,
        /** By position: views and virtual tables, which have no key to seek. */
        OFFSET
    }
}
