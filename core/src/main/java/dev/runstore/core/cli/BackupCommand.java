package dev.runstore.core.cli;

import dev.runstore.core.admin.Backup;
import dev.runstore.core.admin.BackupResult;
import dev.runstore.core.db.Database;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(
        name = "backup",
        description = "Write a consistent copy of the database (and its payload blobs) while writers keep writing.")
final class BackupCommand implements Callable<Integer> {
    @ParentCommand
    RunstoreCli root;

    @Option(
            names = "--to",
            paramLabel = "<file>",
            required = true,
            description = "The new backup file; never overwritten.")
    Path to;

    @Mixin
    JsonOption output;

    @Override
    public Integer call() {
        BackupResult result;
        try (Database db = root.openReadOnly()) {
            result = Backup.to(db, to);
        }
        if (output.json) {
            root.printJson(
                    Json.object("path", result.path().toString(), "bytes", result.bytes(), "blobs", result.blobs()));
        } else {
            root.printLine("backup written to " + result.path() + " (" + result.bytes() + " bytes"
                    + (result.blobs() > 0 ? ", payload blobs: " + result.blobs() : "") + ")");
        }
        return ExitCodes.OK;
    }
}
