package dev.runstore.core.admin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.runstore.core.db.Database;
import dev.runstore.core.error.InvalidInputException;
import dev.runstore.core.error.NotFoundException;
import dev.runstore.core.json.CanonicalJson;
import dev.runstore.core.json.JsonLines;
import dev.runstore.core.json.JsonText;
import dev.runstore.core.store.AppendResult;
import dev.runstore.core.store.Events;
import dev.runstore.core.store.Level;
import dev.runstore.core.store.NewEvent;
import dev.runstore.core.store.NewRun;
import dev.runstore.core.store.Run;
import dev.runstore.core.store.RunStatus;
import dev.runstore.core.store.Runs;
import dev.runstore.core.time.UtcTime;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads events as JSON Lines and appends them to a run, in transactions of at most a batch size.
 * One line is one event: {@code {"seq":1, "ts":"2026-11-27T09:27:09Z", "level":"info",
 * "kind":"fetch", "message":"…", "payload":{…}}}; {@code ts}, {@code level} and {@code kind} are
 * required, {@code seq} defaults to the line's number, so feeding the same input again skips what
 * was stored. A bad line stops the ingest: every valid line before it is committed, the run stays
 * running, and the error names the line.
 */
public final class Ingest {
    private static final Set<String> FIELDS = Set.of("seq", "ts", "level", "kind", "message", "payload");

    /** Told how many lines were read so far, at most every few hundred lines. */
    @FunctionalInterface
    public interface Progress {
        Progress NONE = lines -> {};

        void linesRead(long lines);
    }

    private Ingest() {}

    /**
     * Ingests {@code input} into the run named {@code runName}, creating it (with {@code source}
     * and {@code params}) when absent, and marks it succeeded at the end of input. Lines are strict
     * UTF-8 and bounded in length ({@link JsonLines}): a malformed one is a bad line like any other.
     *
     * @throws InvalidInputException naming the line, after committing every valid line before it
     */
    public static IngestResult run(
            Database db,
            String runName,
            String source,
            Object params,
            int batchSize,
            JsonLines input,
            Progress progress,
            Clock clock) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1 (was " + batchSize + ")");
        }
        Runs runs = new Runs(db);
        Events events = new Events(db);
        // The run is created with its first batch, so input whose first line is bad writes nothing.
        RunHandle run = new RunHandle(runs, runName, source, params, clock);
        long inserted = 0;
        long skipped = 0;
        List<NewEvent> batch = new ArrayList<>(Math.min(batchSize, 10_000));
        Map<Long, Long> lineOfSeq = new HashMap<>();
        while (true) {
            String line;
            NewEvent event;
            try {
                line = input.next();
                if (line == null) {
                    break;
                }
                long lineNumber = input.lineNumber();
                if (lineNumber % 500 == 0) {
                    progress.linesRead(lineNumber);
                }
                if (JsonLines.isBlank(line)) {
                    continue;
                }
                try {
                    event = parse(line, lineNumber);
                    Long earlier = lineOfSeq.putIfAbsent(event.seq(), lineNumber);
                    if (earlier != null) {
                        throw new IllegalArgumentException(
                                "seq " + event.seq() + " was already used on line " + earlier);
                    }
                } catch (IllegalArgumentException bad) {
                    throw new InvalidInputException("line " + lineNumber + ": " + bad.getMessage(), bad);
                }
            } catch (InvalidInputException bad) {
                // Every valid line before the bad one is stored; nothing of the bad line is.
                AppendResult flushed = append(events, run, batch);
                throw new InvalidInputException(
                        bad.getMessage() + " (events stored before it: " + (inserted + flushed.inserted())
                                + "; fix the line and run ingest again to continue)",
                        bad);
            }
            batch.add(event);
            if (batch.size() >= batchSize) {
                AppendResult result = append(events, run, batch);
                inserted += result.inserted();
                skipped += result.skipped();
            }
        }
        AppendResult result = append(events, run, batch);
        inserted += result.inserted();
        skipped += result.skipped();
        progress.linesRead(input.lineNumber());
        Run stored = run.get();
        if (runs.get(stored.id()).status() == RunStatus.RUNNING) {
            runs.finish(
                    stored.id(),
                    RunStatus.SUCCEEDED,
                    Map.of("inserted", inserted, "skipped", skipped),
                    clock.instant());
        }
        return new IngestResult(stored.name(), inserted, skipped);
    }

    private static AppendResult append(Events events, RunHandle run, List<NewEvent> batch) {
        if (batch.isEmpty()) {
            return new AppendResult(0, 0);
        }
        AppendResult result = events.append(run.get().id(), batch);
        batch.clear();
        return result;
    }

    /** The run, found or created on first use. */
    private static final class RunHandle {
        private final Runs runs;
        private final String name;
        private final String source;
        private final Object params;
        private final Clock clock;
        private Run run;

        RunHandle(Runs runs, String name, String source, Object params, Clock clock) {
            this.runs = runs;
            this.name = name;
            this.source = source;
            this.params = params;
            this.clock = clock;
        }

        Run get() {
            if (run == null) {
                try {
                    run = runs.getByName(name);
                } catch (NotFoundException absent) {
                    run = runs.create(new NewRun(name, source, params, clock.instant()));
                }
            }
            return run;
        }
    }

    /** One line as an event; any problem is an IllegalArgumentException with a readable message. */
    static NewEvent parse(String line, long lineNumber) {
        JsonNode node = CanonicalJson.parse(line);
        if (!node.isObject()) {
            throw new IllegalArgumentException(
                    "expected a JSON object with ts, level and kind, found " + node.getNodeType());
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw new IllegalArgumentException("unknown field \"" + name + "\"; fields are "
                        + String.join(", ", FIELDS.stream().sorted().toList()));
            }
        }
        long seq = lineNumber;
        if (node.has("seq")) {
            JsonNode s = node.get("seq");
            if (!s.canConvertToLong() || !s.isIntegralNumber() || s.longValue() < 1) {
                throw new IllegalArgumentException("seq must be an integer of 1 or more (was " + s + ")");
            }
            seq = s.longValue();
        }
        Instant ts = UtcTime.parseIso(requiredText(node, "ts"));
        Level level = Level.parse(requiredText(node, "level"));
        String kind = requiredText(node, "kind");
        JsonNode message = node.get("message");
        if (message != null && !message.isTextual() && !message.isNull()) {
            throw new IllegalArgumentException("message must be a string");
        }
        JsonNode payload = node.get("payload");
        // Canonical here, so a payload that has no canonical form (1e400, a lone surrogate) is
        // this line's error, not the batch's.
        return new NewEvent(
                seq,
                ts,
                level,
                kind,
                message == null || message.isNull() ? "" : message.textValue(),
                payload == null || payload.isNull() ? null : JsonText.of(payload));
    }

    private static String requiredText(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual() || value.textValue().isBlank()) {
            throw new IllegalArgumentException(field + " is required and must be a non-empty string");
        }
        return value.textValue();
    }
}
