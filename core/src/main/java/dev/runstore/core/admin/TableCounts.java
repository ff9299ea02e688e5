package dev.runstore.core.admin;

import dev.runstore.core.db.Database;
import dev.runstore.core.db.Dialect;
import dev.runstore.core.error.DbException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Row counts of every table, including tables runstore did not create; SQLite's internals left out. */
public final class TableCounts {
    private TableCounts() {}

    /** Table name to row count, ordered by name. Read-only. */
    public static Map<String, Long> of(Database db) {
        return db.read(h -> {
            List<String> tables = h.createQuery(
                            db.dialect() == Dialect.SQLITE
                                    ? "SELECT name FROM sqlite_schema WHERE type = 'table'"
                                            + " AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name"
                                    : "SELECT table_name FROM information_schema.tables WHERE table_schema ="
                                            + " current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name")
                    .mapTo(String.class)
                    .list();
            Map<String, Long> counts = new LinkedHashMap<>();
            for (String table : tables) {
                counts.put(
                        table,
                        h.createQuery("SELECT count(*) FROM " + quote(table))
                                .mapTo(Long.class)
                                .one());
            }
            return counts;
        });
    }

    /**
     * Bytes each table uses (its pages, indexes included under their own names), from SQLite's
     * {@code dbstat} virtual table; empty when this SQLite build has no dbstat.
     */
    public static Optional<Map<String, Long>> sizes(Database db) {
        try {
            return Optional.of(db.read(h -> {
                Map<String, Long> sizes = new LinkedHashMap<>();
                h.createQuery(
                                db.dialect() == Dialect.SQLITE
                                        ? "SELECT name, sum(pgsize) AS bytes FROM dbstat GROUP BY name ORDER BY name"
                                        : "SELECT c.relname AS name, pg_table_size(c.oid) AS bytes FROM pg_class c JOIN"
                                                + " pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname ="
                                                + " current_schema() AND c.relkind = 'r' ORDER BY c.relname")
                        .map((rs, ctx) -> Map.entry(rs.getString("name"), rs.getLong("bytes")))
                        .forEach(e -> sizes.put(e.getKey(), e.getValue()));
                return sizes;
            }));
        } catch (DbException noDbstat) {
            return Optional.empty();
        }
    }

    /** A SQL identifier, quoted so any name (spaces, quotes, keywords) is safe. */
    static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }
}
