package dev.runstore.core.cli;

import dev.runstore.core.admin.Demo;
import dev.runstore.core.admin.DemoResult;
import dev.runstore.core.db.Database;
import dev.runstore.core.migrate.Migrator;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(
        name = "demo",
        description = "Fill the database (created and migrated first) with realistic generated runs and events.")
final class DemoCommand implements Callable<Integer> {
    @ParentCommand
    RunstoreCli root;

    @Option(
            names = "--runs",
            paramLabel = "<n>",
            defaultValue = "8",
            description = "Runs to create (default: ${DEFAULT-VALUE}).")
    int runs;

    @Option(
            names = "--events-per-run",
            paramLabel = "<m>",
            defaultValue = "200",
            description = "Events per run (default: ${DEFAULT-VALUE}).")
    int eventsPerRun;

    @Mixin
    JsonOption output;

    @Override
    public Integer call() {
        RunstoreCli.requireAtLeastZero("--runs", runs);
        RunstoreCli.requireAtLeastZero("--events-per-run", eventsPerRun);
        DemoResult result;
        Migrator migrator = root.migrator(); // RUNSTORE_ENV is checked before anything is opened
        try (Database db = root.openReadWrite()) {
            migrator.migrate(db);
            result = Demo.fill(db, runs, eventsPerRun);
            if (output.json) {
                root.printJson(
                        Json.object("database", db.location(), "runs", result.runs(), "events", result.events()));
            } else {
                root.printLine("created " + result.runs().size() + " runs with " + result.events() + " events in "
                        + db.location());
            }
        }
        return ExitCodes.OK;
    }
}
