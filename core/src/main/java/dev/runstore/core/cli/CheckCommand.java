package dev.runstore.core.cli;

import dev.runstore.core.admin.CheckReport;
import dev.runstore.core.admin.CheckResult;
import dev.runstore.core.admin.HealthChecks;
import dev.runstore.core.db.Database;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

@Command(
        name = "check",
        description =
                "Check indexes, query plans, WAL, foreign keys, integrity and migrations. Exit 1 if any check fails.")
final class CheckCommand implements Callable<Integer> {
    @ParentCommand
    RunstoreCli root;

    @Mixin
    JsonOption output;

    @Override
    public Integer call() {
        CheckReport report;
        try (Database db = root.openReadOnly()) {
            report = HealthChecks.run(db);
        }
        if (output.json) {
            root.printJson(Json.object(
                    "ok", report.ok(),
                    "checks",
                            report.checks().stream()
                                    .map(c -> Json.object("name", c.name(), "ok", c.passed(), "detail", c.detail()))
                                    .toList()));
        } else {
            TextTable table = new TextTable("RESULT", "CHECK", "DETAIL");
            for (CheckResult c : report.checks()) {
                table.row(c.passed() ? "ok" : "FAIL", c.name(), c.detail());
            }
            table.print(root.out());
            long failed = report.checks().stream().filter(c -> !c.passed()).count();
            root.out().println();
            root.out()
                    .println(
                            failed == 0
                                    ? "all " + report.checks().size() + " checks passed"
                                    : failed + " of " + report.checks().size() + " checks failed");
        }
        return report.ok() ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
    }
}
