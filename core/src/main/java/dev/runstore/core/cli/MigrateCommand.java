package dev.runstore.core.cli;

import dev.runstore.core.db.Database;
import dev.runstore.core.migrate.MigrationResult;
import dev.runstore.core.migrate.Migrator;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "migrate", description = "Create the database file if missing and apply pending migrations.")
final class MigrateCommand implements Callable<Integer> {
    @ParentCommand
    RunstoreCli root;

    @Option(names = "--target", paramLabel = "<version>", description = "Stop at this version (default: latest).")
    String target;

    @Mixin
    JsonOption output;

    @Override
    public Integer call() {
        Migrator migrator = root.migrator(); // RUNSTORE_ENV too is checked before anything is opened
        migrator.requireVersion(target);
        try (Database db = root.openReadWrite()) {
            MigrationResult result = migrator.migrate(db, target);
            if (output.json) {
                root.printJson(Json.object("applied", result.applied(), "current_version", result.currentVersion()));
            } else if (result.applied().isEmpty()) {
                root.printLine("already up to date at version " + result.currentVersion() + ": " + db.location());
            } else {
                root.printLine("applied " + String.join(", ", result.applied()) + "; " + db.location()
                        + " is at version " + result.currentVersion());
            }
        }
        return ExitCodes.OK;
    }
}
