package dev.runstore.core.cli;

import dev.runstore.core.admin.Reset;
import dev.runstore.core.admin.ResetResult;
import dev.runstore.core.db.Database;
import dev.runstore.core.error.OperationRefusedException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(
        name = "reset",
        description = {
            "Development only: back the database up beside itself, drop every table and migrate again.",
            "Refused unless RUNSTORE_ALLOW_RESET=1, and always refused on a production database."
        })
final class ResetCommand implements Callable<Integer> {
    @ParentCommand
    RunstoreCli root;

    @Option(names = "--yes", description = "Confirm without a prompt (needed when stdin is not a terminal).")
    boolean yes;

    @Override
    public Integer call() {
        boolean allowed = Reset.allowedBy(root.context.env(Reset.ALLOW_VARIABLE));
        // Every gate is checked on a read-only open, so a refused reset changes no byte.
        String name;
        try (Database db = root.openReadOnly()) {
            String refusal = Reset.refusal(db, allowed);
            if (refusal != null) {
                throw new OperationRefusedException(refusal + "; nothing was changed");
            }
            name = db.engine().canBackUp() ? db.path().getFileName().toString() : null;
        }
        if (name == null && !yes) {
            throw new OperationRefusedException("runstore cannot back up a PostgreSQL database before resetting it, so"
                    + " a reset there always needs --yes (take a pg_dump first); nothing was changed");
        }
        if (name != null) {
            confirm(name);
        }
        try (Database db = root.openExisting()) {
            ResetResult result = Reset.run(db, allowed);
            root.printLine(
                    result.backup() == null
                            ? "backup: none (PostgreSQL: take one with pg_dump)"
                            : "backup: " + result.backup());
            root.printLine("reset " + db.location() + ": every table dropped, migrated to version "
                    + result.migration().currentVersion() + " (environment " + result.environment() + ")");
        }
        return ExitCodes.OK;
    }

    private void confirm(String name) {
        if (yes) {
            return;
        }
        Terminal terminal = root.context.terminal();
        if (!terminal.interactive()) {
            throw new OperationRefusedException("stdin is not a terminal, so nobody can confirm; pass --yes to reset "
                    + name + " (nothing was changed)");
        }
        String answer = terminal.ask("This deletes every run and event in " + name
                + " (a backup is written first).\nType the database file name to confirm: ");
        if (answer == null || !answer.strip().equals(name)) {
            throw new OperationRefusedException("confirmation did not match \"" + name + "\"; nothing was changed");
        }
    }
}
