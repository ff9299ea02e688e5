package dev.runstore.core.catalog;

import dev.runstore.core.db.Database;
import dev.runstore.core.error.NotFoundException;
import java.util.List;

/**
 * The structure of a database: every table, view, index and trigger, user objects included, and
 * the columns, keys and indexes of one table. Works on any SQLite file, not only runstore's.
 */
public final class Catalog {
    private Catalog() {}

    /** Tables, views, indexes and triggers, in that order, each by name. */
    public static List<SchemaObject> objects(Database db) {
        SchemaReader reader = SchemaReader.of(db);
        return db.read(reader::objects);
    }

    /**
     * The table or view {@code name}: exactly so named, or else the one so named ignoring case.
     *
     * @throws NotFoundException naming the tables there are, when there is none
     */
    public static TableStructure structure(Database db, String name) {
        SchemaReader reader = SchemaReader.of(db);
        return db.read(h -> reader.structure(h, name)).orElseThrow(() -> missing(db, name));
    }

    private static NotFoundException missing(Database db, String name) {
        List<String> tables = objects(db).stream()
                .filter(o -> o.type().equals("table") || o.type().equals("view"))
                .map(SchemaObject::name)
                .toList();
        return new NotFoundException(
                "table",
                name,
                "no table or view \"" + name + "\" in " + db.location() + "; "
                        + (tables.isEmpty() ? "it has no tables yet" : "it has " + String.join(", ", tables)));
    }
}
