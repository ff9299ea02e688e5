package dev.runstore.core.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runstore.core.cli.CliJar.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code runstore query} through the real jar: output formats, exit codes, and files left as they were. */
class QueryCommandIT {
    @TempDir
    Path dir;

    Path file;

    @BeforeEach
    void createFile() throws Exception {
        file = dir.resolve("store.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement sql = c.createStatement()) {
            sql.execute("PRAGMA journal_mode=WAL");
            sql.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT, score REAL, data BLOB)");
            sql.execute("INSERT INTO t(name, score, data) VALUES ('a', 1.5, x'00ff'), ('b,\"q\"', NULL, NULL)");
        }
    }

    Run query(String... args) {
        List<String> all = new ArrayList<>(List.of("--db=" + file, "query"));
        all.addAll(List.of(args));
        return new CliJar(dir).run(all.toArray(String[]::new));
    }

    @Test
    void everyRefusedStatementExitsSixWithOneErrorAndOneHintAndChangesNoFile() throws Exception {
        assertThat(query("SELECT 1").code()).isZero(); // the baseline: what a read-only open leaves
        Map<String, String> before = folder();
        // Through the jar, in two processes' worth of calls: the in-process test covers each kind.
        for (String sql : List.of(
                "ATTACH 'attached.db' AS a",
                "VACUUM INTO 'copy.db'",
                "CREATE TEMP TABLE scratch(x)",
                "PRAGMA user_version=7",
                "PRAGMA journal_mode=DELETE",
                "PRAGMA query_only=0",
                "INSERT INTO t(name) VALUES ('x')",
                "DELETE FROM t",
                "DROP TABLE t",
                "WITH d AS (SELECT 1) DELETE FROM t",
                "SELECT load_extension('./evil')")) {
            Run run = query(sql);
            assertThat(run.code()).as("%s: %s", sql, run.err()).isEqualTo(6);
            assertThat(run.errLines()).as(sql).hasSize(2);
            assertThat(run.errLines().get(0)).startsWith("error: runstore runs read-only SQL: ");
            assertThat(run.errLines().get(1)).startsWith("hint: use SELECT, WITH, VALUES, EXPLAIN or a reading PRAGMA");
            assertThat(run.out()).isEmpty();
        }
        assertThat(folder()).isEqualTo(before);
    }

    @Test
    void theMessagesSayWhatTheStatementWouldHaveDone() {
        assertThat(query("DELETE FROM t").errLines().get(0))
                .isEqualTo("error: runstore runs read-only SQL: DELETE would change the database");
        assertThat(query("PRAGMA journal_mode = DELETE").errLines().get(0))
                .isEqualTo("error: runstore runs read-only SQL: PRAGMA journal_mode = … changes settings; only"
                        + " reading pragmas are allowed");
    }

    @Test
    void invalidSqlExitsSevenQuotingSqlite() {
        Run run = query("SELEC 1");
        assertThat(run.code()).as(run.err()).isEqualTo(7);
        assertThat(run.errLines()).containsExactly("error: invalid SQL: near \"SELEC\": syntax error");
    }

    @Test
    void jsonIsOneArrayOfObjectsInColumnOrder() throws Exception {
        Run run = query("SELECT id, name, score, data FROM t ORDER BY id", "--json");

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out())
                .isEqualTo("[{\"id\":1,\"name\":\"a\",\"score\":1.5,\"data\":\"00ff\"},"
                        + "{\"id\":2,\"name\":\"b,\\\"q\\\"\",\"score\":null,\"data\":null}]\n");
        JsonNode rows = new ObjectMapper().readTree(run.out());
        assertThat(rows).hasSize(2);
        assertThat(rows.get(1).get("name").textValue()).isEqualTo("b,\"q\"");
    }

    @Test
    void csvHasAHeaderAndTheTableIsForPeople() {
        Run csv = query("SELECT id, name, score FROM t ORDER BY id", "--csv");
        Run table = query("SELECT id, name, data FROM t ORDER BY id", "--limit", "1");

        assertThat(csv.out()).isEqualTo("id,name,score\r\n1,a,1.5\r\n2,\"b,\"\"q\"\"\",\r\n");
        assertThat(table.code()).as(table.err()).isZero();
        assertThat(table.out())
                .isEqualTo("id  name  data\n1   a     x'00ff' (2 bytes)\n"
                        + "(the first 1 rows; raise --limit, or use --csv or --json for all)\n");
    }

    @Test
    void jsonAndCsvTogetherAreAUsageError() {
        Run run = query("SELECT 1", "--json", "--csv");
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
    }

    private Map<String, String> folder() throws Exception {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> all = Files.list(dir)) {
            for (Path p : all.toList()) {
                files.put(
                        p.getFileName().toString(),
                        HexFormat.of()
                                .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p))));
            }
        }
        return files;
    }
}
