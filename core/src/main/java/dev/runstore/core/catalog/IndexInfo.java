package dev.runstore.core.catalog;

import java.util.List;

/**
 * An index of a table.
 *
 * @param origin how it came to be: {@code c} CREATE INDEX, {@code u} a UNIQUE constraint, {@code pk}
 *     the primary key
 * @param sql its CREATE statement; empty for indexes the engine made for a constraint
 */
public record IndexInfo(String name, boolean unique, boolean partial, String origin, List<String> columns, String sql) {
    public IndexInfo {
        columns = List.copyOf(columns);
    }
}
