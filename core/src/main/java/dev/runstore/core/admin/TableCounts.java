package dev.runstore.core.admin;

import dev.runstore.core.db.Database;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Row counts of every table, including tables runstore did not create; SQLite's internals left out. */
public final class TableCounts {
    private TableCounts() {}

    /** Table name to row count, ordered by name. Read-only. */
    public static Map<String, Long> of(Database db) {
        return db.read(h -> {
            List<String> tables = h.createQuery("SELECT name FROM sqlite_schema WHERE type = 'table'"
                            + " AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name")
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

    /** A SQL identifier, quoted so any name (spaces, quotes, keywords) is safe. */
    static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }
}
