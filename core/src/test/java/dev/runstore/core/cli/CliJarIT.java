package dev.runstore.core.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.runstore.core.cli.CliJar.Run;
import dev.runstore.core.json.CanonicalJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real runstore-cli.jar in child processes: every command and every exit code at least once,
 * under LANG=C and a non-UTC zone, so encoding and time handling are the jar's own.
 */
class CliJarIT {
    @TempDir
    Path dir;

    Run cli(Map<String, String> env, String stdin, String... args) {
        return new CliJar(dir).run(env, stdin, args);
    }

    Run cli(String... args) {
        return new CliJar(dir).run(args);
    }

    @Test
    void helpListsEveryCommandAndExitCode() throws Exception {
        Run help = cli("--help");

        assertThat(help.code()).isZero();
        assertThat(help.out())
                .contains(
                        "migrate", "status", "counts", "runs", "events", "check", "ingest", "canon", "backup", "demo",
                        "reset")
                .contains("8   incompatible database");
    }

    @Test
    void migrateStatusCountsRunsEventsAndCheckWorkUnderLangCInAnotherZone() throws Exception {
        assertThat(cli("--db=a.db", "migrate", "--json")
                        .json()
                        .get("current_version")
                        .asText())
                .isEqualTo("3");
        Run demo = cli("--db=a.db", "demo", "--runs", "4", "--events-per-run", "12");
        String line =
                "{\"ts\":\"2026-11-27T15:12:09+05:45\",\"level\":\"error\",\"kind\":\"k\",\"message\":\"café 😀 naïve\"}\n";
        Run ingest = cli(Map.of(), line, "--db=a.db", "ingest", "--run", "unicode-é", "--json");

        JsonNode status = cli("--db=a.db", "status", "--json").json();
        JsonNode counts = cli("--db=a.db", "counts", "--json").json();
        JsonNode runs = cli("--db=a.db", "runs", "--json").json();
        JsonNode events = cli("--db=a.db", "events", "--run", "unicode-é", "--level", "error", "--json")
                .json();
        Run check = cli("--db=a.db", "check");

        assertThat(demo.code()).isZero();
        assertThat(ingest.json().get("inserted").asLong()).isEqualTo(1);
        assertThat(status.get("applied").get(0).get("installed_on").asText()).endsWith("+00:00");
        assertThat(counts.get("events").asLong()).isEqualTo(4 * 12 + 1);
        assertThat(runs.get(0).get("name").asText()).isEqualTo("unicode-é");
        assertThat(events.get(0).get("message").asText()).isEqualTo("café 😀 naïve");
        assertThat(events.get(0).get("ts").asText()).isEqualTo("2026-11-27T09:27:09+00:00");
        assertThat(check.code()).isZero();
        assertThat(check.out()).contains("checks passed");
        assertThat(status.toString() + check.err() + demo.err()).doesNotContain("INFO", "WARN");
    }

    @Test
    void stderrHoldsNoLogLinesUnlessVerbose() throws Exception {
        Run quiet = cli("--db=q.db", "migrate");
        Run verbose = cli("--verbose", "--db=v.db", "migrate");

        assertThat(quiet.err()).isEmpty();
        assertThat(verbose.err()).contains("INFO");
    }

    @Test
    void checkExitsOneWhenAnIndexIsMissing() throws Exception {
        cli("--db=c.db", "migrate");
        try (Connection plain = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("c.db"));
                Statement sql = plain.createStatement()) {
            sql.execute("DROP INDEX events_level_ts_idx");
        }

        Run check = cli("--db=c.db", "check", "--json");

        assertThat(check.code()).isEqualTo(1);
        assertThat(CanonicalJson.parse(check.out()).get("ok").asBoolean()).isFalse();
    }

    @Test
    void ingestStopsAtABadLineWithExitSeven() throws Exception {
        String input = "{\"ts\":\"2026-11-27T09:00:00Z\",\"level\":\"info\",\"kind\":\"k\"}\nnot json\n";

        Run run = cli(Map.of(), input, "--db=i.db", "ingest", "--run", "r");

        assertThat(run.code()).isEqualTo(7);
        assertThat(run.err()).startsWith("error: line 2: not valid JSON");
        assertThat(cli("--db=i.db", "counts", "--json").json().get("events").asLong())
                .isEqualTo(1);
    }

    @Test
    void canonMatchesPython() throws Exception {
        // python3 -c 'import json,hashlib;
        // s=json.dumps({"b":[1e16,0.1],"a":"é"},ensure_ascii=False,separators=(",",":"),sort_keys=True); print(s)'
        Run canon = cli(Map.of(), "{\"b\": [1E16, 0.1], \"a\": \"\\u00e9\"}", "canon");

        assertThat(canon.code()).isZero();
        assertThat(canon.out()).isEqualTo("{\"a\":\"é\",\"b\":[1e+16,0.1]}\n");
    }

    @Test
    void backupCopiesAndRefusesToOverwriteWithExitFour() throws Exception {
        cli("--db=b.db", "demo", "--runs", "2", "--events-per-run", "5");

        Run first = cli("--db=b.db", "backup", "--to", "copy.db");
        Run second = cli("--db=b.db", "backup", "--to", "copy.db");

        assertThat(first.code()).isZero();
        assertThat(cli("--db=copy.db", "counts", "--json").json().get("events").asLong())
                .isEqualTo(10);
        assertThat(second.code()).isEqualTo(4);
    }

    @Test
    void resetIsRefusedWithExitSixUnlessAllowedThenBacksUpAndEmpties() throws Exception {
        cli("--db=r.db", "demo", "--runs", "2", "--events-per-run", "5");
        byte[] before = Files.readAllBytes(dir.resolve("r.db"));

        Run refused = cli("--db=r.db", "reset", "--yes");
        byte[] after = Files.readAllBytes(dir.resolve("r.db"));
        Run allowed = cli(Map.of("RUNSTORE_ALLOW_RESET", "1"), "", "--db=r.db", "reset", "--yes");

        assertThat(refused.code()).isEqualTo(6);
        assertThat(after).isEqualTo(before);
        assertThat(allowed.code()).as(allowed.err()).isZero();
        assertThat(allowed.out()).startsWith("backup: ");
        assertThat(cli("--db=r.db", "counts", "--json").json().get("runs").asLong())
                .isZero();
    }

    @Test
    void usageNotFoundBusyAndIncompatibleExitCodes() throws Exception {
        cli("--db=e.db", "migrate");
        Files.writeString(dir.resolve("text.db"), "plain text, not SQLite ".repeat(50));

        Run usage = cli("--db=e.db", "runs", "--limit", "x");
        Run missing = cli("--db=nothing.db", "runs");
        Run incompatible = cli("--db=text.db", "status");
        Run busy;
        try (Connection plain = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("e.db"));
                Statement sql = plain.createStatement()) {
            sql.execute("BEGIN IMMEDIATE");
            busy = cli(
                    Map.of(),
                    "{\"ts\":\"2026-11-27T09:00:00Z\",\"level\":\"info\",\"kind\":\"k\"}\n",
                    "--db=e.db",
                    "--busy-timeout=300",
                    "ingest",
                    "--run",
                    "r");
            sql.execute("ROLLBACK");
        }

        assertThat(usage.code()).isEqualTo(2);
        assertThat(missing.code()).isEqualTo(3);
        assertThat(dir.resolve("nothing.db")).doesNotExist();
        assertThat(busy.code()).isEqualTo(5);
        assertThat(incompatible.code()).isEqualTo(8);
        for (Run run : List.of(usage, missing, busy, incompatible)) {
            assertThat(run.err()).startsWith("error: ").doesNotContain("\tat ");
        }
    }

    @Test
    void readCommandsWorkWhileAnotherProcessIngests() throws Exception {
        cli("--db=live.db", "migrate");
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < 20_000; i++) {
            lines.append("{\"ts\":\"2026-11-27T09:00:00Z\",\"level\":\"info\",\"kind\":\"k\",\"message\":\"m")
                    .append(i)
                    .append("\"}\n");
        }
        CompletableFuture<Run> ingest = CompletableFuture.supplyAsync(() -> {
            try {
                return cli(
                        new HashMap<>(), lines.toString(), "--db=live.db", "ingest", "--run", "bulk", "--batch", "50");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        List<Run> reads = new ArrayList<>();
        while (!ingest.isDone() && reads.size() < 6) {
            reads.add(cli("--db=live.db", "events", "--limit", "5"));
        }

        assertThat(ingest.get(120, TimeUnit.SECONDS).code()).isZero();
        assertThat(reads)
                .isNotEmpty()
                .allSatisfy(r -> assertThat(r.code()).as(r.err()).isZero());
        assertThat(cli("--db=live.db", "counts", "--json").json().get("events").asLong())
                .isEqualTo(20_000);
    }
}
