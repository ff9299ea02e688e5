package dev.runstore.core.catalog;

/**
 * One object of a database's schema, user objects included.
 *
 * @param type {@code table}, {@code view}, {@code index} or {@code trigger}
 * @param table the table an index or trigger belongs to (the object's own name for tables and views)
 * @param sql its CREATE statement as the engine keeps it; empty for objects the engine made itself
 */
public record SchemaObject(String name, String type, String table, String sql) {}
