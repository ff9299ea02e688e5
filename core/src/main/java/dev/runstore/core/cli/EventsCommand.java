package dev.runstore.core.cli;

import dev.runstore.core.admin.Listings;
import dev.runstore.core.db.Database;
import dev.runstore.core.json.JsonText;
import dev.runstore.core.store.Event;
import dev.runstore.core.store.Events;
import dev.runstore.core.store.Level;
import dev.runstore.core.time.UtcTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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

    @Option(
            names = "--payloads",
            description = "Read every payload, also those stored out of line, check each against its SHA-256 and"
                    + " print it (JSON: in \"payload\"; table: a PAYLOAD column). Exit 8 if one is missing or"
                    + " corrupt.")
    boolean payloads;

    @Mixin
    LimitOption limit = new LimitOption(50);

    @Mixin
    JsonOption output;

    @Override
    public Integer call() {
        Level minimum = Level.parse(level);
        try (Database db = root.openReadOnly()) {
            List<Event> events = Listings.recentEvents(db, Optional.ofNullable(run), minimum, limit.limit());
            // Read before printing: a missing payload fails the command before any output.
            List<JsonText> read = payloads ? new Events(db).payloads(events) : null;
            if (output.json) {
                List<Map<String, Object>> rows = new ArrayList<>();
                for (int i = 0; i < events.size(); i++) {
                    Event e = events.get(i);
                    Map<String, Object> row = Json.object(
                            "run", e.runName(),
                            "seq", e.seq(),
                            "ts", e.ts(),
                            "level", e.level().label(),
                            "kind", e.kind(),
                            "message", e.message(),
                            "message_length", e.messageLength(),
                            "payload_stored", stored(e),
                            "payload_sha256", e.payloadSha256(),
                            "payload_uri", e.payloadUri());
                    // An out-of-line payload not read has no "payload" key at all: a reader of the
                    // JSON can never take it for an event without one (null).
                    if (read != null || e.payloadUri() == null) {
                        row.put("payload", read != null ? read.get(i) : e.payload());
                    }
                    rows.add(row);
                }
                root.printJson(rows);
            } else {
                TextTable table = new TextTable("TS (UTC)", "RUN", "SEQ", "LEVEL", "KIND", "MESSAGE", "PAYLOAD");
                for (int i = 0; i < events.size(); i++) {
                    Event e = events.get(i);
                    table.row(
                            UtcTime.toIso(e.ts()),
                            e.runName(),
                            e.seq(),
                            e.level().label(),
                            e.kind(),
                            (e.truncated() ? "[truncated from " + e.messageLength() + "] " : "") + e.message(),
                            read != null && read.get(i) != null ? read.get(i).json() : summary(e));
                }
                table.print(root.out());
            }
        }
        return ExitCodes.OK;
    }

    /** "none", "inline" or "out_of_line": where the payload is, said explicitly in the JSON. */
    private static String stored(Event e) {
        return !e.hasPayload() ? "none" : e.payloadUri() == null ? "inline" : "out_of_line";
    }

    /** The table's PAYLOAD cell without --payloads: where it is, never the payload's absence. */
    private static String summary(Event e) {
        if (!e.hasPayload()) {
            return "";
        }
        return (e.payloadUri() == null ? "inline" : "out of line") + ", sha256 "
                + e.payloadSha256().substring(0, Math.min(12, e.payloadSha256().length())) + "… (--payloads)";
    }
}
