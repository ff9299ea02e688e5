package dev.runstore.core.store;

import java.util.List;

/** An index the listing queries rely on: declared once here, checked on real databases. */
public record IndexSpec(String name, String table, List<String> columns, boolean unique) {
    public IndexSpec {
        columns = List.copyOf(columns);
    }
}
