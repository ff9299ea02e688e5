package dev.runstore.core.catalog;

import dev.runstore.core.db.Database;
import dev.runstore.core.db.Identifiers;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Row counts of every table, including tables runstore did not create; the engine's internals left out. */
public final class TableCounts {
    private TableCounts() {}

    /**
     * Whether {@code db} has runstore's own tables (runs and events): one catalog query, no count,
     * so a console can tell a plain SQLite file from a runstore database before listing runs.
     */
    public static boolean isRunstoreSchema(Database db) {
        return db.read(h -> db.engine().tables(h)).containsAll(java.util.List.of("runs", "events"));
    }

    /** Table name to row count, ordered by name. Read-only. */
    public static Map<String, Long> of(Database db) {
        return db.read(h -> {
            Map<String, Long> counts = new LinkedHashMap<>();
            for (String table : db.engine().tables(h)) {
                counts.put(
                        table,
                        h.createQuery("SELECT count(*) FROM " + Identifiers.quote(table))
                                .mapTo(Long.class)
                                .one());
            }
            return counts;
        });
    }

    /**
     * Bytes each table uses (on SQLite its indexes too, under their own names, from {@code
     * dbstat}); empty only when this SQLite build has no dbstat. A busy or damaged database is an
     * error, not an empty answer.
     */
    public static Optional<Map<String, Long>> sizes(Database db) {
        return db.read(h -> db.engine().sizes(h));
    }
}
