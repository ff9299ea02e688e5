package dev.runstore.core.cli;

import dev.runstore.core.admin.Listings;
import dev.runstore.core.db.Database;
import dev.runstore.core.store.Event;
import dev.runstore.core.store.Level;
import dev.runstore.core.time.UtcTime;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "events", description = "Recent events, newest first by ts, then seq.")
final class EventsCommand implements Callable<Integer> {
    @ParentCommand
    RunstoreCli root;

    @Option(names = "--run", paramLabel = "<name>", description = "Only the events of this run.")
    String run;

    @Option(
            names = "--level",
            paramLabel = "<level>",
            defaultValue = "debug",
            description = "Minimum level: debug, info, warning or error (warning = warning and error).")
    String level;

    @Mixin
    LimitOption limit = new LimitOption(50);

    @Mixin
    JsonOption output;

    @Override
    public Integer call() {
        Level minimum = Level.parse(level);
        try (Database db = root.openReadOnly()) {
            List<Event> events = Listings.recentEvents(db, Optional.ofNullable(run), minimum, limit.limit());
            if (output.json) {
                root.printJson(events.stream()
                        .map(e -> Json.object(
                                "run", e.runName(),
                                "seq", e.seq(),
                                "ts", e.ts(),
                                "level", e.level().label(),
                                "kind", e.kind(),
                                "message", e.message(),
                                "message_length", e.messageLength(),
                                "payload", e.payload(),
                                "payload_uri", e.payloadUri()))
                        .toList());
            } else {
                TextTable table = new TextTable("TS (UTC)", "RUN", "SEQ", "LEVEL", "KIND", "MESSAGE");
                for (Event e : events) {
                    table.row(
                            UtcTime.toIso(e.ts()),
                            e.runName(),
                            e.seq(),
                            e.level().label(),
                            e.kind(),
                            (e.truncated() ? "[truncated from " + e.messageLength() + "] " : "") + e.message());
                }
                table.print(root.out());
            }
        }
        return ExitCodes.OK;
    }
}
