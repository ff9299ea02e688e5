package dev.runstore.core.catalog;

import java.util.List;

/** {@code columns} of one table reference {@code referencedColumns} of {@code table}. */
public record ForeignKey(List<String> columns, String table, List<String> referencedColumns) {
    public ForeignKey {
        columns = List.copyOf(columns);
        referencedColumns = List.copyOf(referencedColumns);
    }
}
