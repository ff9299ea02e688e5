package dev.runstore.core.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.runstore.core.db.Database;
import dev.runstore.core.json.CanonicalJson;
import dev.runstore.core.migrate.Environment;
import dev.runstore.core.migrate.Migrator;
import dev.runstore.core.store.SampleData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every command's behaviour, in-process through the production wiring. */
class CliCommandsTest {
    @TempDir
    Path dir;

    Path db() {
        return dir.resolve("cli.db");
    }

    String dbArg() {
        return "--db=" + db();
    }

    /** Parses --json output after checking it is exactly one canonical document and a newline. */
    static JsonNode json(Cli.Result result) {
        assertThat(result.code()).as("exit code; stderr: %s", result.err()).isZero();
        assertThat(result.out()).endsWith("\n").doesNotContain("\n\n");
        String document = result.out().substring(0, result.out().length() - 1);
        assertThat(document).doesNotContain("\n");
        JsonNode node = CanonicalJson.parse(document);
        assertThat(CanonicalJson.toJson(node)).isEqualTo(document);
        return node;
    }

    void migratedWithSampleData() {
        try (Database db = Database.open(db())) {
            new Migrator(Environment.TEST).migrate(db);
            SampleData.fill(db, 5, 40);
        }
    }

    @Test
    void migrateCreatesTheFileAndReportsWhatItApplied() {
        JsonNode first = json(new Cli().run(dbArg(), "migrate", "--json"));
        JsonNode again = json(new Cli().run(dbArg(), "migrate", "--json"));

        assertThat(first.toString()).isEqualTo("{\"applied\":[\"1\",\"2\",\"3\"],\"current_version\":\"3\"}");
        assertThat(again.toString()).isEqualTo("{\"applied\":[],\"current_version\":\"3\"}");
    }

    @Test
    void migrateToATargetStopsThere() {
        assertThat(json(new Cli().run(dbArg(), "migrate", "--target", "1", "--json"))
                        .get("current_version")
                        .asText())
                .isEqualTo("1");
    }

    @Test
    void statusShowsTheMigrationHeadWithEveryField() {
        new Cli().env("RUNSTORE_ENV", "test").run(dbArg(), "migrate");

        JsonNode status = json(new Cli().run(dbArg(), "status", "--json"));

        assertThat(fieldNames(status))
                .containsExactly(
                        "applied",
                        "current_version",
                        "environment",
                        "latest_version",
                        "pending",
                        "problems",
                        "up_to_date");
        assertThat(status.get("current_version").asText()).isEqualTo("3");
        assertThat(status.get("latest_version").asText()).isEqualTo("3");
        assertThat(status.get("up_to_date").asBoolean()).isTrue();
        assertThat(status.get("environment").asText()).isEqualTo("test");
        assertThat(fieldNames(status.get("applied").get(0)))
                .containsExactly("description", "installed_on", "success", "version");
        assertThat(status.get("applied").get(0).get("installed_on").asText()).endsWith("+00:00");
    }

    @Test
    void statusOfAPartlyMigratedDatabaseListsThePending() {
        new Cli().run(dbArg(), "migrate", "--target", "1");

        JsonNode status = json(new Cli().run(dbArg(), "status", "--json"));

        assertThat(status.get("up_to_date").asBoolean()).isFalse();
        assertThat(status.get("pending").toString())
                .isEqualTo("[{\"description\":\"events payload checks\",\"version\":\"2\"},"
                        + "{\"description\":\"payload blobs\",\"version\":\"3\"}]");
    }

    @Test
    void countsCoversEveryTableIncludingForeignOnesWithOddNames() throws Exception {
        migratedWithSampleData();
        try (Connection plain = DriverManager.getConnection("jdbc:sqlite:" + db());
                Statement sql = plain.createStatement()) {
            sql.execute("CREATE TABLE \"odd \"\"name\"\" table\" (x INTEGER)");
            sql.execute("INSERT INTO \"odd \"\"name\"\" table\" VALUES (1), (2)");
        }

        JsonNode counts = json(new Cli().run(dbArg(), "counts", "--json"));

        assertThat(counts.get("runs").asLong()).isEqualTo(5);
        assertThat(counts.get("events").asLong()).isEqualTo(200);
        assertThat(counts.get("odd \"name\" table").asLong()).isEqualTo(2);
        assertThat(counts.has("flyway_schema_history")).isTrue();
        assertThat(fieldNames(counts)).noneMatch(name -> name.startsWith("sqlite_"));
    }

    @Test
    void runsAreNewestFirstWithEveryFieldAndFilterByStatus() {
        migratedWithSampleData();
        try (Database db = Database.open(db())) {
            new dev.runstore.core.store.Runs(db)
                    .finish(2, dev.runstore.core.store.RunStatus.FAILED, null, java.time.Instant.now());
        }

        JsonNode runs = json(new Cli().run(dbArg(), "runs", "--json"));
        JsonNode failed = json(new Cli().run(dbArg(), "runs", "--status", "failed", "--json"));
        JsonNode two = json(new Cli().run(dbArg(), "runs", "--limit", "2", "--json"));

        assertThat(fieldNames(runs.get(0)))
                .containsExactly(
                        "event_count", "finished_at", "id", "name", "params", "source", "started_at", "status");
        assertThat(names(runs)).containsExactly("run-4", "run-3", "run-2", "run-1", "run-0");
        assertThat(runs.get(0).get("event_count").asLong()).isEqualTo(40);
        assertThat(runs.get(0).get("params").toString()).isEqualTo("{\"index\":4}");
        assertThat(names(failed)).containsExactly("run-1");
        assertThat(names(two)).containsExactly("run-4", "run-3");
    }

    @Test
    void eventsAreNewestFirstAndFilterByRunAndMinimumLevel() {
        migratedWithSampleData();

        JsonNode all = json(new Cli().run(dbArg(), "events", "--limit", "500", "--json"));
        JsonNode warnings = json(new Cli().run(dbArg(), "events", "--run", "run-2", "--level", "warning", "--json"));

        assertThat(all).hasSize(200);
        assertThat(fieldNames(all.get(0)))
                .containsExactly(
                        "kind",
                        "level",
                        "message",
                        "message_length",
                        "payload",
                        "payload_sha256",
                        "payload_stored",
                        "payload_uri",
                        "run",
                        "seq",
                        "ts");
        List<String> ts = StreamSupport.stream(all.spliterator(), false)
                .map(e -> e.get("ts").asText())
                .toList();
        assertThat(ts)
                .isSortedAccordingTo((a, b) -> dev.runstore.core.time.UtcTime.parseIso(b)
                        .compareTo(dev.runstore.core.time.UtcTime.parseIso(a)));
        assertThat(warnings).isNotEmpty().allSatisfy(e -> {
            assertThat(e.get("run").asText()).isEqualTo("run-2");
            assertThat(e.get("level").asText()).isIn("warning", "error");
        });
        assertThat(json(new Cli().run(dbArg(), "events", "--json"))).hasSize(50);
    }

    @Test
    void checkPassesOnAHealthyDatabaseAndExitsOneWhenAnIndexIsMissing() {
        migratedWithSampleData();
        JsonNode healthy = json(new Cli().run(dbArg(), "check", "--json"));
        try (Database db = Database.open(db())) {
            db.useWrite(h -> h.execute("DROP INDEX events_ts_idx"));
        }

        Cli.Result broken = new Cli().run(dbArg(), "check", "--json");

        assertThat(healthy.get("ok").asBoolean()).isTrue();
        assertThat(fieldNames(healthy.get("checks").get(0))).containsExactly("detail", "name", "ok");
        assertThat(broken.code()).isEqualTo(1);
        JsonNode report = CanonicalJson.parse(broken.out());
        assertThat(report.get("ok").asBoolean()).isFalse();
        assertThat(StreamSupport.stream(report.get("checks").spliterator(), false)
                        .filter(c -> !c.get("ok").asBoolean())
                        .map(c -> c.get("name").asText()))
                .contains("index events_ts_idx");
    }

    @Test
    void readCommandsLeaveTheFileBytesUnchanged() throws Exception {
        migratedWithSampleData();
        String before = sha256(db());

        for (String command : List.of("status", "counts", "runs", "events", "check", "tables")) {
            assertThat(new Cli().run(dbArg(), command).code()).as(command).isZero();
        }

        assertThat(sha256(db())).isEqualTo(before);
    }

    @Test
    void ingestCreatesTheDatabaseAndRunAndMarksItSucceeded() {
        String lines = """
                {"ts":"2026-11-27T09:00:00Z","level":"info","kind":"fetch","message":"one"}
                {"seq":7,"ts":"2026-11-27T09:00:01+05:45","level":"warning","kind":"parse","payload":{"b":1,"a":2}}
                """;

        JsonNode result = json(new Cli().stdin(lines).run(dbArg(), "ingest", "--run", "r1", "--json"));

        assertThat(result.toString()).isEqualTo("{\"inserted\":2,\"run\":\"r1\",\"skipped\":0}");
        JsonNode runs = json(new Cli().run(dbArg(), "runs", "--json"));
        assertThat(runs.get(0).get("status").asText()).isEqualTo("succeeded");
        JsonNode events = json(new Cli().run(dbArg(), "events", "--run", "r1", "--json"));
        assertThat(events.get(0).get("seq").asLong()).isEqualTo(1); // 09:00:00Z is later than 09:00:01+05:45
        assertThat(events.get(1).get("payload").toString()).isEqualTo("{\"a\":2,\"b\":1}");
    }

    @Test
    void ingestStopsAtABadLineKeepsWhatCameBeforeAndResumesWhenFedAgain() {
        String good = "{\"ts\":\"2026-11-27T09:00:0%dZ\",\"level\":\"info\",\"kind\":\"k\",\"message\":\"m%d\"}\n";
        String broken = String.format(good, 1, 1) + String.format(good, 2, 2)
                + "{\"ts\":\"yesterday\",\"level\":\"info\"," + "\"kind\":\"k\"}\n" + String.format(good, 4, 4);
        String fixed = broken.replace("yesterday", "2026-11-27T09:00:03Z");

        Cli.Result first = new Cli().stdin(broken).run(dbArg(), "ingest", "--run", "r", "--batch", "1");
        JsonNode runAfterFailure =
                json(new Cli().run(dbArg(), "runs", "--json")).get(0);
        JsonNode second = json(new Cli().stdin(fixed).run(dbArg(), "ingest", "--run", "r", "--json"));

        assertThat(first.code()).isEqualTo(7);
        assertThat(first.err()).startsWith("error: line 3: \"yesterday\" is not an ISO 8601 time");
        assertThat(runAfterFailure.get("status").asText()).isEqualTo("running");
        assertThat(runAfterFailure.get("event_count").asLong()).isEqualTo(2);
        assertThat(second.toString()).isEqualTo("{\"inserted\":2,\"run\":\"r\",\"skipped\":2}");
        assertThat(json(new Cli().run(dbArg(), "runs", "--json"))
                        .get(0)
                        .get("status")
                        .asText())
                .isEqualTo("succeeded");
    }

    @Test
    void ingestRefusesUnknownFieldsNamingTheLine() {
        Cli.Result result = new Cli()
                .stdin("{\"ts\":\"2026-11-27T09:00:00Z\",\"level\":\"info\",\"kind\":\"k\",\"levle\":1}\n")
                .run(dbArg(), "ingest", "--run", "r");

        assertThat(result.code()).isEqualTo(7);
        assertThat(result.err()).contains("line 1: unknown field \"levle\"");
    }

    @Test
    void canonWritesPythonsCanonicalFormForEveryCorpusCase() {
        List<String> inputs = new ArrayList<>();
        List<String> expected = new ArrayList<>();
        List<String> hashes = new ArrayList<>();
        int multiLine = 0;
        for (var c : dev.runstore.core.json.CanonicalJsonCorpusTestAccess.corpus()) {
            if (c.input().contains("\n") || c.input().contains("\r")) {
                // Documents spanning lines go through the one-document mode.
                assertThat(new Cli().stdin(c.input()).run("canon").out())
                        .as(c.name())
                        .isEqualTo(c.canonical() + "\n");
                assertThat(new Cli().stdin(c.input()).run("canon", "--sha256").out())
                        .isEqualTo(c.sha256() + "\n");
                multiLine++;
            } else {
                inputs.add(c.input());
                expected.add(c.canonical());
                hashes.add(c.sha256());
            }
        }

        Cli.Result canonical = new Cli().stdin(String.join("\n", inputs) + "\n").run("canon", "--lines");
        Cli.Result sha = new Cli().stdin(String.join("\n", inputs) + "\n").run("canon", "--lines", "--sha256");

        assertThat(inputs.size() + multiLine).isGreaterThanOrEqualTo(539);
        assertThat(canonical.code()).isZero();
        assertThat(canonical.out().split("\n", -1)).containsExactlyElementsOf(append(expected, ""));
        assertThat(sha.out().split("\n", -1)).containsExactlyElementsOf(append(hashes, ""));
    }

    @Test
    void canonReadsOneDocumentAcrossLines() {
        Cli.Result result =
                new Cli().stdin("{\n  \"b\": [1.0, 2],\n  \"a\": null\n}\n").run("canon");

        assertThat(result.out()).isEqualTo("{\"a\":null,\"b\":[1.0,2]}\n");
    }

    @Test
    void backupWritesACompleteCopyAndRefusesToOverwrite() throws Exception {
        migratedWithSampleData();
        Path copy = dir.resolve("copy.db");

        JsonNode result = json(new Cli().run(dbArg(), "backup", "--to", copy.toString(), "--json"));
        Files.writeString(dir.resolve("taken.db"), "keep me");
        Cli.Result refused =
                new Cli().run(dbArg(), "backup", "--to", dir.resolve("taken.db").toString());

        assertThat(result.get("path").asText()).isEqualTo(copy.toString());
        assertThat(json(new Cli().run("--db=" + copy, "counts", "--json")))
                .isEqualTo(json(new Cli().run(dbArg(), "counts", "--json")));
        assertThat(refused.code()).isEqualTo(4);
        assertThat(Files.readString(dir.resolve("taken.db"))).isEqualTo("keep me");
    }

    @Test
    void demoWritesExactlyNRunsOfMEventsWithEveryStatusAndLevel() {
        Cli.Result result = new Cli().run(dbArg(), "demo", "--runs", "5", "--events-per-run", "30");

        assertThat(result.code()).isZero();
        JsonNode runs = json(new Cli().run(dbArg(), "runs", "--json"));
        JsonNode events = json(new Cli().run(dbArg(), "events", "--limit", "1000", "--json"));
        assertThat(runs)
                .hasSize(5)
                .allSatisfy(r -> assertThat(r.get("event_count").asLong()).isEqualTo(30));
        assertThat(StreamSupport.stream(runs.spliterator(), false)
                        .map(r -> r.get("status").asText()))
                .contains("running", "succeeded", "failed", "cancelled");
        assertThat(events).hasSize(150);
        assertThat(StreamSupport.stream(events.spliterator(), false)
                        .map(e -> e.get("level").asText()))
                .contains("debug", "info", "warning", "error");
        assertThat(events)
                .anyMatch(e -> e.get("message_length").asInt()
                        > e.get("message").asText().length());
        assertThat(events).anyMatch(e -> !e.get("payload_uri").isNull());
    }

    static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    static List<String> names(JsonNode runs) {
        return StreamSupport.stream(runs.spliterator(), false)
                .map(r -> r.get("name").asText())
                .toList();
    }

    static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

    private static List<String> append(List<String> list, String last) {
        List<String> copy = new ArrayList<>(list);
        copy.add(last);
        return copy;
    }
}
