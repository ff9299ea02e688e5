package dev.runstore.core.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.runstore.core.cli.CliJar.Run;
import dev.runstore.core.json.CanonicalJson;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI's contract through the real jar in child processes, one suite run on both engines by
 * {@link SqliteCliContractIT} and {@link PostgresCliContractIT}: exact stdout and JSON, exit codes,
 * and for every failure one {@code error:} line (at most one {@code hint:}) and an unchanged
 * database.
 *
 * <p>The {@code payloads*} cases are written to the payload contract being built on main
 * ({@code events --payloads}, {@code payload_stored}, payloads stored in the database on
 * PostgreSQL); they fail until that is merged.
 */
abstract class CliContractIT {
    @TempDir
    Path dir;

    /** A new, empty database of this engine as {@code --db} takes it: an absolute file path or a URL. */
    abstract String freshDb();

    /** A plain JDBC connection to {@code db}, not runstore's: to break what runstore would not. */
    abstract Connection connect(String db) throws SQLException;

    /** How many checks {@code check} runs on a healthy database of this engine. */
    abstract int checkCount();

    /** The start of the error line of {@code reset} without {@code --yes}, stdin not a terminal. */
    abstract String resetWithoutYesError();

    /** The first line {@code reset} prints: where the backup went. */
    abstract String resetBackupLinePattern(String db);

    CliJar cli() {
        return new CliJar(dir);
    }

    Run on(String db, String... args) {
        return on(Map.of(), "", db, args);
    }

    Run on(Map<String, String> env, String stdin, String db, String... args) {
        return on(env, stdin.getBytes(StandardCharsets.UTF_8), db, args);
    }

    Run on(Map<String, String> env, byte[] stdin, String db, String... args) {
        List<String> all = new ArrayList<>();
        all.add("--db=" + db);
        all.addAll(List.of(args));
        return cli().run(env, stdin, all.toArray(String[]::new));
    }

    Run ingest(String db, String input, String... args) {
        List<String> all = new ArrayList<>(List.of("ingest"));
        all.addAll(List.of(args));
        return on(Map.of(), input, db, all.toArray(String[]::new));
    }

    static String line(long seq, String ts, String level, String message) {
        return "{\"seq\":" + seq + ",\"ts\":\"" + ts + "\",\"level\":\"" + level + "\",\"kind\":\"k\",\"message\":\""
                + message + "\"}\n";
    }

    static String lines(int from, int to) {
        StringBuilder input = new StringBuilder();
        for (int seq = from; seq <= to; seq++) {
            input.append(line(seq, "2026-11-27T09:00:0" + (seq % 10) + "Z", "info", "m" + seq));
        }
        return input.toString();
    }

    /** Everything the read commands show, to compare before and after a refused command. */
    String snapshot(String db) {
        return Stream.of(
                        on(db, "counts", "--json"),
                        on(db, "runs", "--limit", "1000", "--json"),
                        on(db, "events", "--limit", "1000", "--json"))
                .map(r -> {
                    assertThat(r.code()).as(r.err()).isZero();
                    return r.out();
                })
                .reduce("", String::concat);
    }

    /** The one-line failure form: exit code, "error: …", at most one "hint: …", nothing on stdout. */
    static void assertFails(Run run, int code, String errorStart) {
        assertThat(run.code()).as("exit code; stderr: %s", run.err()).isEqualTo(code);
        List<String> lines = run.errLines();
        assertThat(lines).hasSizeBetween(1, 2);
        assertThat(lines.get(0)).startsWith("error: " + errorStart);
        if (lines.size() == 2) {
            assertThat(lines.get(1)).startsWith("hint: ");
        }
        assertThat(run.err()).doesNotContain("\tat ", "Exception");
        assertThat(run.out()).isEmpty();
    }

    static void assertQuiet(Run run) {
        assertThat(run.code()).as("exit code; stderr: %s", run.err()).isZero();
        assertThat(run.err()).isEmpty();
    }

    static List<String> runAndSeq(JsonNode events) {
        List<String> ids = new ArrayList<>();
        events.forEach(
                e -> ids.add(e.get("run").textValue() + "/" + e.get("seq").asLong()));
        return ids;
    }

    static final String EMPTY_COUNTS =
            "{\"events\":0,\"flyway_schema_history\":3,\"payload_blobs\":0,\"runs\":0,\"runstore_meta\":1}\n";

    // ---- migrate, status, counts ----------------------------------------------------------------

    @Test
    void migrateAppliesOnceAndStatusAndCountsDescribeTheFreshDatabase() {
        String db = freshDb();
        String other = freshDb();

        Run first = on(db, "migrate");
        Run again = on(db, "migrate");
        Run json = on(other, "migrate", "--json");
        Run status = on(db, "status", "--json");
        Run counts = on(db, "counts", "--json");
        Run countsText = on(db, "counts");

        for (Run run : List.of(first, again, json, status, counts, countsText)) {
            assertQuiet(run);
        }
        assertThat(first.out()).isEqualTo("applied 1, 2, 3; " + db + " is at version 3\n");
        assertThat(again.out()).isEqualTo("already up to date at version 3: " + db + "\n");
        assertThat(json.out()).isEqualTo("{\"applied\":[\"1\",\"2\",\"3\"],\"current_version\":\"3\"}\n");
        JsonNode s = status.json();
        assertThat(s.get("current_version").textValue()).isEqualTo("3");
        assertThat(s.get("latest_version").textValue()).isEqualTo("3");
        assertThat(s.get("up_to_date").booleanValue()).isTrue();
        assertThat(s.get("environment").textValue()).isEqualTo("development");
        assertThat(s.get("pending")).isEmpty();
        assertThat(s.get("problems")).isEmpty();
        assertThat(s.get("applied")).hasSize(3);
        assertThat(s.get("applied").get(0).get("version").textValue()).isEqualTo("1");
        assertThat(s.get("applied").get(0).get("description").textValue()).isEqualTo("runs and events");
        assertThat(s.get("applied").get(1).get("description").textValue()).isEqualTo("events payload checks");
        s.get("applied").forEach(a -> {
            assertThat(a.get("success").booleanValue()).isTrue();
            assertThat(a.get("installed_on").textValue()).matches("\\d{4}-\\d\\d-\\d\\dT[0-9:.]+\\+00:00");
        });
        assertThat(counts.out()).isEqualTo(EMPTY_COUNTS);
        assertThat(countsText.out())
                .isEqualTo("TABLE                  ROWS\n"
                        + "events                 0\n"
                        + "flyway_schema_history  3\n"
                        + "payload_blobs          0\n"
                        + "runs                   0\n"
                        + "runstore_meta          1\n");
    }

    // ---- runs and events ------------------------------------------------------------------------

    /** Run "a" with ts ties (seq breaks them) and an offset time, run "b" in between. */
    String seedTwoRuns() {
        String db = freshDb();
        String a = line(1, "2026-11-27T09:00:00Z", "info", "one")
                + "{\"seq\":2,\"ts\":\"2026-11-27T09:00:02Z\",\"level\":\"warning\",\"kind\":\"k\",\"message\":\"two\","
                + "\"payload\":{\"b\":1,\"a\":[1.5,\"\\u00e9\"]}}\n"
                + line(3, "2026-11-27T09:00:01Z", "error", "three")
                + line(4, "2026-11-27T09:00:02Z", "debug", "four")
                + line(5, "2026-11-27T14:45:05+05:45", "error", "five");
        assertQuiet(ingest(db, a, "--run", "a"));
        assertQuiet(ingest(
                db,
                line(1, "2026-11-27T09:00:04Z", "info", "b-one"),
                "--run",
                "b",
                "--source",
                "laptop",
                "--params",
                "{\"z\":1,\"a\":2}"));
        return db;
    }

    @Test
    void eventsAreNewestFirstByTsThenSeqAndFilterByRunLevelAndLimit() {
        String db = seedTwoRuns();

        JsonNode all = on(db, "events", "--json").json();
        JsonNode runA = on(db, "events", "--run", "a", "--json").json();
        JsonNode warning = on(db, "events", "--level", "warning", "--json").json();
        JsonNode aErrors =
                on(db, "events", "--run", "a", "--level", "error", "--json").json();
        JsonNode two = on(db, "events", "--limit", "2", "--json").json();
        Run none = on(db, "events", "--run", "b", "--level", "error", "--json");
        Run text = on(db, "events", "--run", "a", "--limit", "3");

        assertThat(runAndSeq(all)).containsExactly("a/5", "b/1", "a/4", "a/2", "a/3", "a/1");
        assertThat(runAndSeq(runA)).containsExactly("a/5", "a/4", "a/2", "a/3", "a/1");
        assertThat(runAndSeq(warning)).containsExactly("a/5", "a/2", "a/3");
        assertThat(runAndSeq(aErrors)).containsExactly("a/5", "a/3");
        assertThat(runAndSeq(two)).containsExactly("a/5", "b/1");
        assertQuiet(none);
        assertThat(none.out()).isEqualTo("[]\n");
        JsonNode e = runA.get(2);
        assertThat(e.get("run").textValue()).isEqualTo("a");
        assertThat(e.get("seq").asLong()).isEqualTo(2);
        assertThat(e.get("ts").textValue()).isEqualTo("2026-11-27T09:00:02+00:00");
        assertThat(e.get("level").textValue()).isEqualTo("warning");
        assertThat(e.get("kind").textValue()).isEqualTo("k");
        assertThat(e.get("message").textValue()).isEqualTo("two");
        assertThat(e.get("message_length").asInt()).isEqualTo(3);
        assertThat(CanonicalJson.toJson(e.get("payload"))).isEqualTo("{\"a\":[1.5,\"é\"],\"b\":1}");
        assertThat(runA.get(0).get("ts").textValue()).isEqualTo("2026-11-27T09:00:05+00:00");
        assertQuiet(text);
        assertThat(text.out())
                .isEqualTo("TS (UTC)                   RUN  SEQ  LEVEL    KIND  MESSAGE  PAYLOAD\n"
                        + "2026-11-27T09:00:05+00:00  a    5    error    k     five\n"
                        + "2026-11-27T09:00:02+00:00  a    4    debug    k     four\n"
                        + "2026-11-27T09:00:02+00:00  a    2    warning  k     two      inline, sha256 "
                        + CanonicalJson.sha256HexOf("{\"a\":[1.5,\"é\"],\"b\":1}".getBytes(StandardCharsets.UTF_8))
                                .substring(0, 12)
                        + "… (--payloads)\n");
    }

    @Test
    void runsAreNewestFirstWithTheirCountsSourcesAndCanonicalParams() {
        String db = seedTwoRuns();

        JsonNode runs = on(db, "runs", "--json").json();
        Run running = on(db, "runs", "--status", "running", "--json");
        JsonNode succeeded = on(db, "runs", "--status", "succeeded", "--limit", "1", "--json")
                .json();

        assertThat(runs).hasSize(2);
        JsonNode b = runs.get(0);
        JsonNode a = runs.get(1);
        assertThat(b.get("name").textValue()).isEqualTo("b");
        assertThat(b.get("source").textValue()).isEqualTo("laptop");
        assertThat(b.get("event_count").asLong()).isEqualTo(1);
        assertThat(CanonicalJson.toJson(b.get("params"))).isEqualTo("{\"a\":2,\"z\":1}");
        assertThat(a.get("name").textValue()).isEqualTo("a");
        assertThat(a.get("source").textValue()).isEqualTo("cli");
        assertThat(a.get("event_count").asLong()).isEqualTo(5);
        assertThat(CanonicalJson.toJson(a.get("params"))).isEqualTo("{}");
        for (JsonNode run : runs) {
            assertThat(run.get("status").textValue()).isEqualTo("succeeded");
            assertThat(run.get("started_at").textValue()).endsWith("+00:00");
            assertThat(run.get("finished_at").textValue()).endsWith("+00:00");
        }
        assertThat(running.out()).isEqualTo("[]\n");
        assertThat(succeeded).hasSize(1);
        assertThat(succeeded.get(0).get("name").textValue()).isEqualTo("b");
    }

    @Test
    void badOptionsAreUsageErrorsThatChangeNothing() {
        String db = seedTwoRuns();
        String before = snapshot(db);

        assertFails(on(db, "events", "--level", "loud"), 2, "");
        assertFails(on(db, "events", "--limit", "0"), 2, "");
        assertFails(on(db, "runs", "--status", "exploded"), 2, "");
        assertFails(ingest(db, line(9, "2026-11-27T09:00:00Z", "info", "x"), "--run", "a", "--batch", "0"), 2, "");

        assertThat(snapshot(db)).isEqualTo(before);
    }

    // ---- check ----------------------------------------------------------------------------------

    @Test
    void checkPassesOnAMigratedDatabaseAndNamesADroppedIndex() throws Exception {
        String db = freshDb();
        assertQuiet(on(db, "migrate"));

        Run healthy = on(db, "check");
        try (Connection plain = connect(db);
                Statement sql = plain.createStatement()) {
            sql.execute("DROP INDEX events_level_ts_idx");
        }
        Run broken = on(db, "check");
        Run brokenJson = on(db, "check", "--json");

        assertQuiet(healthy);
        assertThat(healthy.out()).endsWith("\nall " + checkCount() + " checks passed\n");
        assertThat(broken.code()).as(broken.err()).isEqualTo(1);
        assertThat(broken.err()).isEmpty();
        assertThat(broken.out().lines()).anyMatch(l -> l.matches("FAIL +index events_level_ts_idx +.*"));
        assertThat(broken.out()).endsWith(" of " + checkCount() + " checks failed\n");
        assertThat(brokenJson.code()).isEqualTo(1);
        JsonNode report = CanonicalJson.parse(brokenJson.out());
        assertThat(report.get("ok").booleanValue()).isFalse();
        List<String> failed = new ArrayList<>();
        report.get("checks").forEach(c -> {
            if (!c.get("ok").booleanValue()) {
                failed.add(c.get("name").textValue());
            }
        });
        assertThat(failed).contains("index events_level_ts_idx");
        // Only that index, and the query plans that needed it, fail.
        assertThat(failed).allMatch(name -> name.equals("index events_level_ts_idx") || name.startsWith("query plan"));
    }

    // ---- ingest ---------------------------------------------------------------------------------

    @Test
    void aBadLineStopsIngestWithExitSevenKeepingEarlierLinesAndNothingAfter() {
        String db = freshDb();
        String input = lines(1, 2) + "not json\n" + lines(4, 4);

        Run bad = ingest(db, input, "--run", "r");
        JsonNode stored = on(db, "events", "--run", "r", "--json").json();
        JsonNode run = on(db, "runs", "--json").json().get(0);
        Run fixed = ingest(db, lines(1, 4), "--run", "r");

        assertFails(bad, 7, "line 3: not valid JSON");
        assertThat(bad.errLines().get(0))
                .endsWith("(events stored before it: 2; fix the line and run ingest again to continue)");
        assertThat(runAndSeq(stored)).containsExactly("r/2", "r/1");
        assertThat(run.get("status").textValue()).isEqualTo("running");
        assertQuiet(fixed);
        assertThat(fixed.out()).isEqualTo("run r: 2 inserted, 2 skipped\n");
    }

    @Test
    void reIngestingTheSameFileSkipsEverythingAndSaysSo() {
        String db = freshDb();
        String input = lines(1, 5);

        Run first = ingest(db, input, "--run", "r", "--json");
        String after = snapshot(db);
        Run second = ingest(db, input, "--run", "r");
        Run third = ingest(db, input, "--run", "r", "--json");

        assertQuiet(first);
        assertThat(first.out()).isEqualTo("{\"inserted\":5,\"run\":\"r\",\"skipped\":0}\n");
        assertQuiet(second);
        assertThat(second.out()).isEqualTo("run r: 0 inserted, 5 skipped\n");
        assertThat(third.out()).isEqualTo("{\"inserted\":0,\"run\":\"r\",\"skipped\":5}\n");
        assertThat(snapshot(db)).isEqualTo(after);
        assertThat(on(db, "counts", "--json").json().get("events").asLong()).isEqualTo(5);
    }

    @Test
    void theSameSeqWithOtherContentIsAConflictWithExitFour() {
        String db = freshDb();
        assertQuiet(ingest(db, lines(1, 3), "--run", "r"));
        String before = snapshot(db);

        Run conflict = ingest(db, line(2, "2026-11-27T09:00:02Z", "info", "changed"), "--run", "r");

        assertFails(conflict, 4, "event seq 2 of run \"r\" already exists with different content");
        assertThat(snapshot(db)).isEqualTo(before);
    }

    @Test
    void aLatin1ByteIsRefusedWithExitSevenNamingLineAndByte() {
        String db = freshDb();
        ByteArrayOutputStream input = new ByteArrayOutputStream();
        input.writeBytes(lines(1, 1).getBytes(StandardCharsets.UTF_8));
        String start = "{\"seq\":2,\"ts\":\"2026-11-27T09:00:00Z\",\"level\":\"info\",\"kind\":\"k\",\"message\":\"caf";
        input.writeBytes(start.getBytes(StandardCharsets.UTF_8));
        input.write(0xE9); // é in Latin-1
        input.writeBytes("\"}\n".getBytes(StandardCharsets.UTF_8));
        input.writeBytes(lines(3, 3).getBytes(StandardCharsets.UTF_8));

        Run refused = on(Map.of(), input.toByteArray(), db, "ingest", "--run", "r");

        assertFails(refused, 7, "line 2: invalid UTF-8 at byte " + (start.length() + 1) + " (0xE9)");
        assertThat(refused.errLines()).hasSize(2);
        assertThat(refused.errLines().get(1)).contains("iconv -f ISO-8859-1 -t UTF-8");
        assertThat(runAndSeq(on(db, "events", "--json").json())).containsExactly("r/1");
    }

    @Test
    void aMessageOverTheLimitIsStoredTruncatedWithItsOriginalLength() {
        String db = freshDb();
        // Astral characters: the limit counts code points, not UTF-16 units or bytes.
        String longMessage = "😀".repeat(9_000);
        String atLimit = "é".repeat(8_192);
        String input =
                line(1, "2026-11-27T09:00:00Z", "info", longMessage) + line(2, "2026-11-27T09:00:01Z", "info", atLimit);

        assertQuiet(ingest(db, input, "--run", "long"));
        JsonNode events = on(db, "events", "--run", "long", "--json").json();
        Run text = on(db, "events", "--run", "long");

        JsonNode truncated = events.get(1);
        assertThat(truncated.get("seq").asLong()).isEqualTo(1);
        assertThat(truncated.get("message").textValue()).isEqualTo("😀".repeat(8_192));
        assertThat(truncated.get("message_length").asInt()).isEqualTo(9_000);
        assertThat(events.get(0).get("message").textValue()).isEqualTo(atLimit);
        assertThat(events.get(0).get("message_length").asInt()).isEqualTo(8_192);
        assertThat(text.out()).contains("  [truncated from 9000] 😀😀").doesNotContain("[truncated from 8192]");
    }

    // ---- demo -----------------------------------------------------------------------------------

    @Test
    void demoCreatesMigratesAndFillsExactlyWhatItSays() {
        String db = freshDb();

        Run demo = on(db, "demo", "--runs", "4", "--events-per-run", "12");
        JsonNode counts = on(db, "counts", "--json").json();
        JsonNode runs = on(db, "runs", "--json").json();
        JsonNode errors = on(db, "events", "--level", "error", "--limit", "1000", "--json")
                .json();
        Run check = on(db, "check");

        assertQuiet(demo);
        assertThat(demo.out()).isEqualTo("created 4 runs with 48 events in " + db + "\n");
        assertThat(counts.get("runs").asLong()).isEqualTo(4);
        assertThat(counts.get("events").asLong()).isEqualTo(48);
        Set<String> statuses = new HashSet<>();
        runs.forEach(r -> {
            statuses.add(r.get("status").textValue());
            assertThat(r.get("event_count").asLong()).isEqualTo(12);
        });
        assertThat(statuses).containsExactlyInAnyOrder("running", "succeeded", "failed", "cancelled");
        assertThat(errors)
                .isNotEmpty()
                .allSatisfy(e -> assertThat(e.get("level").textValue()).isEqualTo("error"));
        assertQuiet(check);
    }

    // ---- reset ----------------------------------------------------------------------------------

    @Test
    void resetIsRefusedWithExitSixWithoutTheVariableOrConfirmation() {
        String db = freshDb();
        assertQuiet(on(db, "demo", "--runs", "2", "--events-per-run", "5"));
        String before = snapshot(db);

        Run off = on(db, "reset", "--yes");
        Run unconfirmed = on(Map.of("RUNSTORE_ALLOW_RESET", "1"), "", db, "reset");
        Run notOne = on(Map.of("RUNSTORE_ALLOW_RESET", "yes"), "", db, "reset", "--yes");

        assertFails(
                off,
                6,
                "reset is off: it is for development databases only; set RUNSTORE_ALLOW_RESET=1 to allow it;"
                        + " nothing was changed");
        assertFails(unconfirmed, 6, resetWithoutYesError());
        assertFails(notOne, 6, "reset is off");
        assertThat(snapshot(db)).isEqualTo(before);
    }

    @Test
    void resetIsRefusedOnAProductionDatabaseWhateverTheVariableSays() {
        String db = freshDb();
        Map<String, String> production = Map.of("RUNSTORE_ENV", "production");
        assertQuiet(on(production, "", db, "migrate"));
        assertQuiet(on(production, lines(1, 3), db, "ingest", "--run", "r"));
        String before = snapshot(db);

        Map<String, String> allowed = new HashMap<>(production);
        allowed.put("RUNSTORE_ALLOW_RESET", "1");
        Run refused = on(allowed, "", db, "reset", "--yes");
        Run refusedInDevelopment = on(Map.of("RUNSTORE_ALLOW_RESET", "1"), "", db, "reset", "--yes");

        assertFails(refused, 6, "\"" + db + "\" is a production database (marker \"production\"); reset never runs");
        assertFails(refusedInDevelopment, 6, "\"" + db + "\" is a production database");
        assertThat(snapshot(db)).isEqualTo(before);
        assertThat(on(db, "status", "--json").json().get("environment").textValue())
                .isEqualTo("production");
    }

    @Test
    void anAllowedResetLeavesAnEmptyMigratedDatabaseOfTheSameEnvironment() {
        String db = freshDb();
        Map<String, String> test = Map.of("RUNSTORE_ENV", "test");
        assertQuiet(on(test, "", db, "demo", "--runs", "4", "--events-per-run", "10"));

        Map<String, String> allowed = new HashMap<>(test);
        allowed.put("RUNSTORE_ALLOW_RESET", "1");
        Run reset = on(allowed, "", db, "reset", "--yes");
        Run counts = on(db, "counts", "--json");
        JsonNode status = on(db, "status", "--json").json();
        Run check = on(db, "check");
        Run ingestAfter = on(test, lines(1, 2), db, "ingest", "--run", "again");

        assertQuiet(reset);
        List<String> out = reset.out().lines().toList();
        assertThat(out).hasSize(2);
        assertThat(out.get(0)).matches(resetBackupLinePattern(db));
        assertThat(out.get(1))
                .isEqualTo("reset " + db + ": every table dropped, migrated to version 3 (environment test)");
        assertThat(counts.out()).isEqualTo(EMPTY_COUNTS);
        assertThat(status.get("up_to_date").booleanValue()).isTrue();
        assertThat(status.get("environment").textValue()).isEqualTo("test");
        assertQuiet(check);
        assertThat(ingestAfter.out()).isEqualTo("run again: 2 inserted, 0 skipped\n");
    }

    // ---- payloads (after the payload work on main is merged) ------------------------------------

    /** About 200 KB of JSON, written non-canonically: unsorted keys, spaces, escapes, 1E16. */
    static String bigPayloadText() {
        StringBuilder json = new StringBuilder("{ \"z_last\": [1E16, 0.1, -0.0, 100], \"items\": [");
        for (int i = 0; i < 2_000; i++) {
            json.append(i == 0 ? "" : ", ")
                    .append("{\"name\": \"item-")
                    .append(i)
                    .append(" caf\\u00e9 😀\", \"id\": ")
                    .append(i)
                    .append(", \"tags\": [\"α\", \"β\", \"")
                    .append("x".repeat(40))
                    .append("\"], \"ratio\": ")
                    .append(i / 7.0)
                    .append("}");
        }
        return json.append("], \"a_first\": {\"nested\": true, \"nothing\": null}}")
                .toString();
    }

    @Test
    void payloadsBigPayloadIsReadBackByteIdenticalFromAnotherWorkingFolder() throws Exception {
        String db = freshDb();
        Path folderA = Files.createDirectory(dir.resolve("folder-a"));
        Path folderB = Files.createDirectory(dir.resolve("folder-b"));
        String payload = bigPayloadText();
        String expected = CanonicalJson.toJson(CanonicalJson.parse(payload));
        assertThat(expected.getBytes(StandardCharsets.UTF_8).length).isBetween(150_000, 300_000);
        String input = "{\"seq\":1,\"ts\":\"2026-11-27T09:00:00Z\",\"level\":\"info\",\"kind\":\"big\",\"payload\":"
                + payload + "}\n"
                + "{\"seq\":2,\"ts\":\"2026-11-27T09:00:01Z\",\"level\":\"info\",\"kind\":\"small\","
                + "\"payload\":{\"b\":2,\"a\":1}}\n"
                + "{\"seq\":3,\"ts\":\"2026-11-27T09:00:02Z\",\"level\":\"info\",\"kind\":\"none\"}\n";

        Run ingest = new CliJar(folderA).run(Map.of(), input, "--db=" + db, "ingest", "--run", "big");
        Run withPayloads = new CliJar(folderB).run("--db=" + db, "events", "--run", "big", "--json", "--payloads");
        Run listing = new CliJar(folderB).run("--db=" + db, "events", "--run", "big", "--json");

        assertQuiet(ingest);
        try (Stream<Path> left = Files.list(folderA)) {
            assertThat(left).as("files the ingest left in its working folder").isEmpty();
        }
        assertQuiet(withPayloads);
        JsonNode full = withPayloads.json();
        assertThat(runAndSeq(full)).containsExactly("big/3", "big/2", "big/1");
        assertThat(CanonicalJson.toJson(full.get(2).get("payload"))).isEqualTo(expected);
        byte[] field = ("\"payload\":" + expected + ",").getBytes(StandardCharsets.UTF_8);
        assertThat(CliJar.indexOf(withPayloads.stdout(), field))
                .as("the payload's canonical bytes in the raw output")
                .isNotNegative();
        assertThat(CanonicalJson.toJson(full.get(1).get("payload"))).isEqualTo("{\"a\":1,\"b\":2}");
        assertQuiet(listing);
        JsonNode events = listing.json();
        assertThat(events.get(2).get("payload_stored").textValue()).isEqualTo("out_of_line");
        assertThat(events.get(2).has("payload")).isFalse();
        assertThat(events.get(1).get("payload_stored").textValue()).isEqualTo("inline");
        assertThat(CanonicalJson.toJson(events.get(1).get("payload"))).isEqualTo("{\"a\":1,\"b\":2}");
        assertThat(events.get(0).get("payload_stored").textValue()).isEqualTo("none");
        assertQuiet(new CliJar(folderB).run("--db=" + db, "check"));
    }
}
