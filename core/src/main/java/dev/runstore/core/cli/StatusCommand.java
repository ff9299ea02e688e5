package dev.runstore.core.cli;

import dev.runstore.core.db.Database;
import dev.runstore.core.migrate.AppliedMigration;
import dev.runstore.core.migrate.MigrationStatus;
import dev.runstore.core.migrate.PendingMigration;
import dev.runstore.core.time.UtcTime;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

@Command(name = "status", description = "Show the migration head: current and latest version, history, problems.")
final class StatusCommand implements Callable<Integer> {
    @ParentCommand
    RunstoreCli root;

    @Mixin
    JsonOption output;

    @Override
    public Integer call() {
        try (Database db = root.openReadOnly()) {
            MigrationStatus status = root.migrator().status(db);
            if (output.json) {
                root.printJson(Json.object(
                        "current_version", status.currentVersion(),
                        "latest_version", status.latestVersion(),
                        "pending",
                                status.pending().stream()
                                        .map(p -> Json.object("version", p.version(), "description", p.description()))
                                        .toList(),
                        "applied",
                                status.applied().stream()
                                        .map(a -> Json.object(
                                                "version", a.version(),
                                                "description", a.description(),
                                                "installed_on", a.installedOn(),
                                                "success", a.success()))
                                        .toList(),
                        "up_to_date", status.upToDate(),
                        "environment", status.environment(),
                        "problems", status.problems()));
            } else {
                print(db, status, root.out());
            }
        }
        return ExitCodes.OK;
    }

    private static void print(Database db, MigrationStatus status, PrintWriter out) {
        out.println(TerminalText.escape("database     " + db.location()));
        out.println("environment  "
                + (status.environment() == null ? "(not recorded yet)" : TerminalText.escape(status.environment())));
        out.println("version      " + (status.currentVersion() == null ? "none" : status.currentVersion()) + " (latest "
                + status.latestVersion() + ")" + (status.upToDate() ? ", up to date" : ""));
        out.println();
        if (status.applied().isEmpty()) {
            out.println("applied: none");
        } else {
            TextTable table = new TextTable("VERSION", "DESCRIPTION", "INSTALLED ON (UTC)", "SUCCESS");
            for (AppliedMigration a : status.applied()) {
                table.row(a.version(), a.description(), UtcTime.toIso(a.installedOn()), a.success() ? "yes" : "NO");
            }
            table.print(out);
        }
        if (!status.pending().isEmpty()) {
            out.println();
            out.println("pending:");
            for (PendingMigration p : status.pending()) {
                out.println(TerminalText.escape("  " + p.version() + "  " + p.description()));
            }
        }
        if (!status.problems().isEmpty()) {
            out.println();
            out.println("problems:");
            status.problems().forEach(problem -> out.println(TerminalText.escape("  - " + problem)));
        }
    }
}
