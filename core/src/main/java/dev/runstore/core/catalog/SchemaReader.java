package dev.runstore.core.catalog;

import dev.runstore.core.db.Database;
import dev.runstore.core.db.Dialect;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * How one engine describes its schema: SQLite from {@code sqlite_schema} and its table-valued
 * PRAGMAs, PostgreSQL from its catalogs. The only place catalog code differs per engine.
 */
interface SchemaReader {
    static SchemaReader of(Database db) {
        return db.engine().dialect() == Dialect.SQLITE ? new SqliteSchemaReader() : new PostgresSchemaReader();
    }

    /** Tables, views, indexes and triggers, in that order, each by name; the engine's own left out. */
    List<SchemaObject> objects(Handle h);

    /** The table or view named exactly {@code name}, or, failing that, the one named so ignoring case. */
    Optional<TableStructure> structure(Handle h, String name);
}
