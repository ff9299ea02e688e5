package dev.runstore.core.cli;

import dev.runstore.core.catalog.Catalog;
import dev.runstore.core.catalog.Column;
import dev.runstore.core.catalog.SchemaObject;
import dev.runstore.core.catalog.TableStructure;
import dev.runstore.core.db.Database;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

@Command(
        name = "tables",
        description = "Every table, view, index and trigger, user objects included, with CREATE statements.")
final class TablesCommand implements Callable<Integer> {
    @ParentCommand
    RunstoreCli root;

    @Mixin
    JsonOption output;

    @Override
    public Integer call() {
        try (Database db = root.openReadOnly()) {
            List<SchemaObject> objects = Catalog.objects(db);
            if (output.json) {
                List<Map<String, Object>> json = new ArrayList<>();
                for (SchemaObject o : objects) {
                    Map<String, Object> object =
                            Json.object("name", o.name(), "type", o.type(), "table", o.table(), "sql", o.sql());
                    if (o.type().equals("table") || o.type().equals("view")) {
                        describe(db, o, object);
                    }
                    json.add(object);
                }
                root.printJson(json);
            } else {
                TextTable table = new TextTable("TYPE", "NAME", "ON");
                objects.forEach(o -> table.row(
                        o.type(), o.name(), o.type().equals("index") || o.type().equals("trigger") ? o.table() : ""));
                table.print(root.out());
            }
        }
        return ExitCodes.OK;
    }

    /**
     * Columns and key; a view over a dropped table (or a virtual table whose module is missing)
     * cannot be described, and says why in an {@code error} field instead of failing the listing.
     */
    private static void describe(Database db, SchemaObject o, Map<String, Object> object) {
        try {
            TableStructure structure = Catalog.structure(db, o.name());
            object.put(
                    "columns",
                    structure.columns().stream().map(TablesCommand::column).toList());
            object.put("key", structure.key());
        } catch (dev.runstore.core.error.DbException e) {
            object.put("error", e.getMessage());
        }
    }

    private static Map<String, Object> column(Column c) {
        return Json.object(
                "name", c.name(),
                "type", c.type(),
                "not_null", c.notNull(),
                "default", c.defaultValue(),
                "primary_key", c.primaryKey());
    }
}
