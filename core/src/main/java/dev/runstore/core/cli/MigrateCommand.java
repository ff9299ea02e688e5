package dev.runstore.core.cli;

import dev.runstore.core.db.Database;
import dev.runstore.core.migrate.MigrationResult;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "migrate", description = "Create the database file if missing and apply pending migrations.")
final class MigrateCommand implements Callable<Integer> {
    @ParentCommand
    RunstoreCli root;

    @Option(names = "--target", paramLabel = "<version>", description = "Stop at this version (default: latest).")
    String target;

    @Option(names = "--json", description = "Print one JSON document.")
    boolean json;

    @Override
    public Integer call() {
        try (Database db = root.openReadWrite()) {
            MigrationResult result = root.migrator().migrate(db, target);
            if (json) {
                root.printJson(Json.object("applied", result.applied(), "current_version", result.currentVersion()));
            } else if (result.applied().isEmpty()) {
                root.out().println("already up to date at version " + result.currentVersion() + ": " + db.location());
            } else {
                root.out()
                        .println("applied " + String.join(", ", result.applied()) + "; " + db.location()
                                + " is at version " + result.currentVersion());
            }
        }
        return ExitCodes.OK;
    }
}
