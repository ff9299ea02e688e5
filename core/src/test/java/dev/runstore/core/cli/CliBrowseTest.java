package dev.runstore.core.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runstore.core.db.Database;
import dev.runstore.core.json.CanonicalJson;
import dev.runstore.core.migrate.Environment;
import dev.runstore.core.migrate.Migrator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code runstore tables} and {@code runstore rows}: the structure and rows of any table, headless. */
class CliBrowseTest {
    @TempDir
    Path dir;

    private String db;

    @BeforeEach
    void database() {
        Path file = dir.resolve("browse.db");
        db = "--db=" + file;
        try (Database database = Database.open(file)) {
            new Migrator(Environment.TEST).migrate(database);
            database.useWrite(h -> {
                h.execute(
                        "CREATE TABLE \"we\"\"ird tab\" (id INTEGER PRIMARY KEY, \"Ünïcode\" TEXT NOT NULL DEFAULT 'x',"
                                + " run_id INTEGER REFERENCES runs (id), note TEXT)");
                h.execute("CREATE INDEX \"select\" ON \"we\"\"ird tab\" (note)");
                h.execute("INSERT INTO \"we\"\"ird tab\" (id, \"Ünïcode\", note) VALUES"
                        + " (1, 'b', 'z, with \"quotes\"'), (2, 'a', NULL), (3, 'c', 'line\nbreak')");
                h.execute("CREATE VIEW \"x; DROP TABLE runs\" AS SELECT id FROM \"we\"\"ird tab\"");
            });
        }
    }

    @Test
    void statsPrintsEventsPerBucketByLevelInTimeOrder() {
        try (Database database = Database.open(dir.resolve("browse.db"))) {
            dev.runstore.core.admin.Demo.fill(database, 2, 30);
        }
        JsonNode minutes = CliCommandsTest.json(new Cli().run(db, "stats", "--by", "minute", "--json"));
        long total = 0;
        String previous = "";
        for (JsonNode bucket : minutes) {
            assertThat(bucket.get("t").asText()).endsWith(":00+00:00").isGreaterThan(previous);
            previous = bucket.get("t").asText();
            total += bucket.get("debug").asLong()
                    + bucket.get("info").asLong()
                    + bucket.get("warning").asLong()
                    + bucket.get("error").asLong();
        }
        assertThat(total).isEqualTo(60);
        JsonNode days = CliCommandsTest.json(new Cli().run(db, "stats", "--by", "day", "--json"));
        assertThat(days.get(0).get("t").asText()).endsWith("T00:00:00+00:00");
        assertThat(new Cli().run(db, "stats", "--by", "week").code()).isEqualTo(2);
        assertThat(new Cli().run(db, "stats", "--since", "yesterday").code()).isEqualTo(2);
        assertThat(new Cli()
                        .run(db, "stats", "--since", "2026-11-28T00:00:00Z", "--until", "2026-11-27T00:00:00Z")
                        .code())
                .isEqualTo(2);
    }

    @Test
    void tablesListsEveryObjectWithItsTypeSqlAndColumns() {
        JsonNode tables = CliCommandsTest.json(new Cli().run(db, "tables", "--json"));
        List<String> names = new ArrayList<>();
        tables.forEach(
                t -> names.add(t.get("type").asText() + " " + t.get("name").asText()));
        assertThat(names)
                .contains(
                        "table runs",
                        "table events",
                        "table we\"ird tab",
                        "view x; DROP TABLE runs",
                        "index select",
                        "index events_ts_idx");
        JsonNode weird = find(tables, "we\"ird tab");
        assertThat(weird.get("sql").asText()).startsWith("CREATE TABLE \"we\"\"ird tab\"");
        assertThat(weird.get("columns").get(1).get("name").asText()).isEqualTo("Ünïcode");
        assertThat(weird.get("columns").get(1).get("not_null").asBoolean()).isTrue();
        assertThat(weird.get("columns").get(1).get("default").asText()).isEqualTo("'x'");
        assertThat(weird.get("columns").get(0).get("primary_key").asInt()).isEqualTo(1);
        assertThat(find(tables, "select").get("table").asText()).isEqualTo("we\"ird tab");
    }

    @Test
    void aViewOverADroppedTableIsListedWithWhyItCannotBeDescribed() throws Exception {
        Path file = dir.resolve("browse.db");
        try (Database database = Database.open(file)) {
            database.useWrite(h -> {
                h.execute("CREATE TABLE gone (a INTEGER)");
                h.execute("CREATE VIEW broken AS SELECT a FROM gone");
                h.execute("DROP TABLE gone");
            });
        }
        JsonNode broken = find(CliCommandsTest.json(new Cli().run(db, "tables", "--json")), "broken");
        assertThat(broken.get("type").asText()).isEqualTo("view");
        assertThat(broken.get("error").asText()).contains("gone");
    }

    @Test
    void rowsPrintsOneJsonArrayWithColumnsInTableOrder() throws Exception {
        Cli.Result result = new Cli().run(db, "rows", "we\"ird tab", "--json");
        assertThat(result.code()).as(result.err()).isZero();
        assertThat(result.out()).startsWith("[{\"id\":1,\"Ünïcode\":\"b\",\"run_id\":null,\"note\":");
        JsonNode rows = new ObjectMapper().readTree(result.out());
        assertThat(rows).hasSize(3);
        assertThat(rows.get(2).get("note").asText()).isEqualTo("line\nbreak");
    }

    @Test
    void rowsFiltersWithBoundValuesSortsAndLimits() {
        JsonNode sorted = parse(new Cli().run(db, "rows", "we\"ird tab", "--order", "Ünïcode", "--desc", "--json"));
        assertThat(ids(sorted)).containsExactly(3L, 1L, 2L);
        assertThat(ids(parse(new Cli().run(db, "rows", "we\"ird tab", "--where", "Ünïcode=a", "--json"))))
                .containsExactly(2L);
        // A value that looks like SQL is only a value.
        assertThat(ids(parse(new Cli().run(db, "rows", "we\"ird tab", "--where", "note=x' OR '1'='1", "--json"))))
                .isEmpty();
        Cli.Result limited = new Cli().run(db, "rows", "we\"ird tab", "--limit", "2", "--json");
        assertThat(ids(parse(limited))).containsExactly(1L, 2L);
        assertThat(ids(parse(new Cli().run(db, "rows", "we\"ird tab", "--json"))))
                .hasSize(3); // all by default
        Cli.Result text = new Cli().run(db, "rows", "we\"ird tab", "--limit", "2");
        assertThat(text.out()).contains("(the first 2 rows; raise --limit, or use --csv or --json for all)");
        assertThat(ids(parse(new Cli().run(db, "rows", "x; DROP TABLE runs", "--json"))))
                .containsExactlyInAnyOrder(1L, 2L, 3L);
    }

    @Test
    void rowsAsCsvQuotesWhatNeedsQuotingAndLeavesNullEmpty() {
        Cli.Result csv = new Cli().run(db, "rows", "we\"ird tab", "--csv");
        assertThat(csv.code()).isZero();
        assertThat(csv.out())
                .isEqualTo(
                        "id,Ünïcode,run_id,note\r\n1,b,,\"z, with \"\"quotes\"\"\"\r\n2,a,,\r\n3,c,,\"line\nbreak\"\r\n");
    }

    @Test
    void mistakesExitWithOneErrorLineAndLeaveTheFileUnchanged() throws Exception {
        Path file = dir.resolve("browse.db");
        String before = sha256(file);
        Cli.Result missing = new Cli().run(db, "rows", "nosuch");
        assertThat(missing.code()).isEqualTo(3);
        assertThat(missing.err())
                .startsWith("error: no table or view \"nosuch\"")
                .contains("runs");
        Cli.Result column = new Cli().run(db, "rows", "runs", "--order", "nope");
        assertThat(column.code()).isEqualTo(3);
        assertThat(column.err()).contains("no column \"nope\" in table \"runs\"; its columns are id, name");
        assertThat(new Cli().run(db, "rows", "runs", "--where", "name").code()).isEqualTo(2);
        assertThat(new Cli().run(db, "rows", "runs", "--json", "--csv").code()).isEqualTo(2);
        assertThat(new Cli().run(db, "rows", "runs", "--desc").code()).isEqualTo(2);
        assertThat(new Cli().run(db, "rows", "runs", "--limit", "0").code()).isEqualTo(2);
        assertThat(sha256(file)).isEqualTo(before);
    }

    private static JsonNode parse(Cli.Result result) {
        assertThat(result.code()).as(result.err()).isZero();
        try {
            return new ObjectMapper().readTree(result.out());
        } catch (Exception e) {
            throw new AssertionError(result.out(), e);
        }
    }

    private static List<Long> ids(JsonNode rows) {
        List<Long> ids = new ArrayList<>();
        rows.forEach(r -> ids.add(r.get("id").asLong()));
        return ids;
    }

    private static JsonNode find(JsonNode tables, String name) {
        for (JsonNode t : tables) {
            if (t.get("name").asText().equals(name)) {
                return t;
            }
        }
        throw new AssertionError("no " + name + " in " + CanonicalJson.toJson(tables));
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }
}
