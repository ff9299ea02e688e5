package dev.runstore.core.catalog;

import java.util.List;
import java.util.Optional;

/**
 * Everything a person or the row browser needs to know about one table or view.
 *
 * @param type {@code table}, {@code view} or {@code virtual}
 * @param key the expressions that identify a row and order pages without OFFSET: {@code rowid} (or
 *     an alias of it not taken by a column), else the primary key's columns; empty for views and
 *     virtual tables, which are paged by position
 */
public record TableStructure(
        String name,
        String type,
        String sql,
        List<Column> columns,
        List<ForeignKey> foreignKeys,
        List<IndexInfo> indexes,
        List<SchemaObject> triggers,
        List<String> key) {
    public TableStructure {
        columns = List.copyOf(columns);
        foreignKeys = List.copyOf(foreignKeys);
        indexes = List.copyOf(indexes);
        triggers = List.copyOf(triggers);
        key = List.copyOf(key);
    }

    public List<String> columnNames() {
        return columns.stream().map(Column::name).toList();
    }

    public Optional<Column> column(String name) {
        return columns.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    /** The foreign key whose single column is {@code column}, for jumping to the referenced row. */
    public Optional<ForeignKey> foreignKeyOf(String column) {
        return foreignKeys.stream()
                .filter(fk -> fk.columns().size() == 1 && fk.columns().get(0).equals(column))
                .findFirst();
    }
}
