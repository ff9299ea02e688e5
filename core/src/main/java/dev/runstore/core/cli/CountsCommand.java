package dev.runstore.core.cli;

import dev.runstore.core.catalog.TableCounts;
import dev.runstore.core.db.Database;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

@Command(name = "counts", description = "Row count of every table (SQLite's internal tables left out).")
final class CountsCommand implements Callable<Integer> {
    @ParentCommand
    RunstoreCli root;

    @Mixin
    JsonOption output;

    @Override
    public Integer call() {
        try (Database db = root.openReadOnly()) {
            Map<String, Long> counts = TableCounts.of(db);
            if (output.json) {
                root.printJson(counts);
            } else {
                TextTable table = new TextTable("TABLE", "ROWS");
                counts.forEach(table::row);
                table.print(root.out());
            }
        }
        return ExitCodes.OK;
    }
}
