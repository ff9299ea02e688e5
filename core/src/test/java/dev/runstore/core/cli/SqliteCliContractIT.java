package dev.runstore.core.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runstore.core.cli.CliJar.Run;
import dev.runstore.core.json.CanonicalJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** {@link CliContractIT} on SQLite files in the test's folder, and what only a file has: backup, blobs. */
class SqliteCliContractIT extends CliContractIT {
    @Override
    String freshDb() {
        return dir.resolve("contract-" + UUID.randomUUID() + ".db")
                .toAbsolutePath()
                .toString();
    }

    @Override
    Connection connect(String db) throws SQLException {
        return DriverManager.getConnection("jdbc:sqlite:" + db);
    }

    @Override
    int checkCount() {
        return 30;
    }

    @Override
    String resetWithoutYesError() {
        return "stdin is not a terminal, so nobody can confirm; pass --yes to reset ";
    }

    @Override
    String resetBackupLinePattern(String db) {
        return "backup: " + Pattern.quote(db) + "\\.bak-\\d{8}T\\d{6}Z";
    }

    @Test
    void backupCopiesTheDatabaseAndItsBlobsAndNeverOverwrites() throws Exception {
        String db = freshDb();
        assertQuiet(on(db, "demo", "--runs", "4", "--events-per-run", "10"));
        Path copy = dir.resolve("copy.db").toAbsolutePath();

        Run first = on(db, "backup", "--to", copy.toString());
        byte[] copied = Files.readAllBytes(copy);
        Run second = on(db, "backup", "--to", copy.toString());

        assertQuiet(first);
        assertThat(first.out())
                .matches("backup written to " + Pattern.quote(copy.toString())
                        + " \\(\\d+ bytes, payload blobs: 1\\)\n");
        assertThat(snapshot(copy.toString())).isEqualTo(snapshot(db));
        assertThat(Files.isDirectory(Path.of(copy + ".blobs"))).isTrue();
        assertFails(
                second,
                4,
                "backup target \"" + copy + "\" already exists; choose a new file name (a backup never overwrites)");
        assertThat(Files.readAllBytes(copy)).isEqualTo(copied);
    }

    @Test
    void payloadsMissingBlobFolderFailsEventsPayloadsWithExitEightAndCheckWithExitOne() throws Exception {
        String db = freshDb();
        String payload = bigPayloadText();
        String sha256 = CanonicalJson.sha256HexOf(
                CanonicalJson.toJson(CanonicalJson.parse(payload)).getBytes(StandardCharsets.UTF_8));
        String input = "{\"seq\":1,\"ts\":\"2026-11-27T09:00:00Z\",\"level\":\"info\",\"kind\":\"big\",\"payload\":"
                + payload + "}\n";
        assertQuiet(on(Map.of(), input, db, "ingest", "--run", "big"));
        deleteRecursively(Path.of(db + ".blobs"));

        Run withPayloads = on(db, "events", "--run", "big", "--json", "--payloads");
        Run listing = on(db, "events", "--run", "big", "--json");
        Run check = on(db, "check");

        assertFails(withPayloads, 8, "");
        assertThat(withPayloads.errLines().get(0)).contains("seq 1", "\"big\"", sha256);
        assertQuiet(listing);
        assertThat(listing.json().get(0).get("payload_stored").textValue()).isEqualTo("out_of_line");
        assertThat(check.code()).as(check.err()).isEqualTo(1);
        assertThat(check.out().lines())
                .anyMatch(l -> l.matches("FAIL +payloads +1 of 1 out-of-line payload missing.*"));
        Run checkJson = on(db, "check", "--json");
        assertThat(checkJson.code()).isEqualTo(1);
        assertThat(CanonicalJson.parse(checkJson.out()).get("checks").findValuesAsText("detail"))
                .anyMatch(detail -> detail.contains("event seq 1 of run \"big\" (sha256 " + sha256 + ") is missing"));
    }

    private static void deleteRecursively(Path folder) throws IOException {
        assertThat(folder).isDirectory();
        try (Stream<Path> all = Files.walk(folder)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
