package dev.runstore.core.migrate;

import dev.runstore.core.db.Database;
import java.util.List;
import java.util.stream.Collectors;

/** A normalized dump of a database's schema: sorted, whitespace-collapsed, Flyway's table left out. */
final class SchemaDump {
    private SchemaDump() {}

    static List<String> statements(Database db) {
        return db.read(h -> h.createQuery("SELECT type, name, sql FROM sqlite_schema WHERE sql IS NOT NULL"
                        + " AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'flyway_%' ORDER BY type, name")
                .map((rs, ctx) -> rs.getString("sql").strip().replaceAll("\\s+", " ") + ";")
                .list());
    }

    static String text(Database db) {
        return statements(db).stream().collect(Collectors.joining("\n", "", "\n"));
    }
}
