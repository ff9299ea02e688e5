package dev.runstore.core.cli;

import dev.runstore.core.admin.Listings;
import dev.runstore.core.admin.RunSummary;
import dev.runstore.core.db.Database;
import dev.runstore.core.store.Run;
import dev.runstore.core.store.RunStatus;
import dev.runstore.core.time.UtcTime;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "runs", description = "Recent runs, newest first by started_at.")
final class RunsCommand implements Callable<Integer> {
    @ParentCommand
    RunstoreCli root;

    @Option(
            names = "--status",
            paramLabel = "<status>",
            description = "Only runs with this status: running, succeeded, failed or cancelled.")
    String status;

    @Mixin
    LimitOption limit = new LimitOption(20);

    @Mixin
    JsonOption output;

    @Override
    public Integer call() {
        Optional<RunStatus> filter = Optional.ofNullable(status).map(RunStatus::parse);
        try (Database db = root.openReadOnly()) {
            List<RunSummary> runs = Listings.recentRuns(db, filter, limit.limit());
            if (output.json) {
                root.printJson(runs.stream()
                        .map(s -> {
                            Run r = s.run();
                            return Json.object(
                                    "id", r.id(),
                                    "name", r.name(),
                                    "source", r.source(),
                                    "status", r.status().label(),
                                    "started_at", r.startedAt(),
                                    "finished_at", r.finishedAt(),
                                    "event_count", s.eventCount(),
                                    "params", r.params());
                        })
                        .toList());
            } else {
                TextTable table =
                        new TextTable("ID", "NAME", "SOURCE", "STATUS", "STARTED (UTC)", "FINISHED (UTC)", "EVENTS");
                for (RunSummary s : runs) {
                    Run r = s.run();
                    table.row(
                            r.id(),
                            r.name(),
                            r.source(),
                            r.status().label(),
                            UtcTime.toIso(r.startedAt()),
                            r.finishedAt() == null ? "-" : UtcTime.toIso(r.finishedAt()),
                            s.eventCount());
                }
                table.print(root.out());
            }
        }
        return ExitCodes.OK;
    }
}
