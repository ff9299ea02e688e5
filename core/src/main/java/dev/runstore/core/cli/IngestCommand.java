package dev.runstore.core.cli;

import dev.runstore.core.admin.Ingest;
import dev.runstore.core.admin.IngestResult;
import dev.runstore.core.db.Database;
import dev.runstore.core.error.InvalidInputException;
import dev.runstore.core.json.CanonicalJson;
import dev.runstore.core.json.JsonLines;
import dev.runstore.core.json.JsonText;
import dev.runstore.core.migrate.Migrator;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(
        name = "ingest",
        description = {
            "Append events read as JSON Lines from stdin to a run, creating the run (and the database) if absent.",
            "One event a line: {\"seq\":1,\"ts\":\"2026-11-27T09:27:09Z\",\"level\":\"info\",\"kind\":\"fetch\","
                    + "\"message\":\"...\",\"payload\":{...}}; seq defaults to the line number."
        })
final class IngestCommand implements Callable<Integer> {
    @ParentCommand
    RunstoreCli root;

    @Option(names = "--run", paramLabel = "<name>", required = true, description = "The run's name.")
    String run;

    @Option(
            names = "--source",
            paramLabel = "<source>",
            defaultValue = "cli",
            description = "What produced the run, when it is created (default: ${DEFAULT-VALUE}).")
    String source;

    @Option(
            names = "--params",
            paramLabel = "<json>",
            defaultValue = "{}",
            description = "The run's params as JSON, when it is created.")
    String params;

    @Option(
            names = "--batch",
            paramLabel = "<n>",
            defaultValue = "500",
            description = "Events per transaction (default: ${DEFAULT-VALUE}).")
    int batch;

    @Mixin
    JsonOption output;

    @Override
    public Integer call() {
        // Every option is checked before the database is opened (and maybe created).
        RunstoreCli.requireAtLeastOne("--batch", batch);
        RunstoreCli.requireNotBlank("--run", run);
        RunstoreCli.requireNotBlank("--source", source);
        Object runParams;
        try {
            // Canonical here: a value without a canonical form (1e400, a lone surrogate) is refused
            // before the database is created.
            runParams = JsonText.of(CanonicalJson.parse(params));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("--params: " + e.getMessage(), e);
        }
        Migrator migrator = root.migrator(); // RUNSTORE_ENV is checked before anything is opened
        boolean progress = root.context.terminal().stderrIsTerminal();
        IngestResult result;
        try (Database db = root.openReadWrite()) {
            migrator.migrate(db);
            result = Ingest.run(
                    db,
                    run,
                    source,
                    runParams,
                    batch,
                    new JsonLines(root.context.stdin().get()),
                    progress
                            ? lines ->
                                    root.err().printf("\rread %,d lines", lines).flush()
                            : Ingest.Progress.NONE,
                    root.context.clock());
        } finally {
            if (progress) {
                root.err().print("\r\033[K");
                root.err().flush();
            }
        }
        if (output.json) {
            root.printJson(
                    Json.object("run", result.run(), "inserted", result.inserted(), "skipped", result.skipped()));
        } else {
            root.printLine(
                    "run " + result.run() + ": " + result.inserted() + " inserted, " + result.skipped() + " skipped");
        }
        return ExitCodes.OK;
    }
}
