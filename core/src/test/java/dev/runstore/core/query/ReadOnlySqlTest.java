package dev.runstore.core.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runstore.core.db.Database;
import dev.runstore.core.db.DatabaseConfig;
import dev.runstore.core.error.CancelledException;
import dev.runstore.core.error.DbException;
import dev.runstore.core.error.InvalidInputException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ReadOnlySql against real SQLite files: what it refuses changes no byte, what it runs reads right. */
class ReadOnlySqlTest {
    /** Each a different way to write: the database, its settings, the connection, another file. */
    static final List<String> WRITES = List.of(
            "ATTACH 'attached.db' AS a",
            "VACUUM INTO 'copy.db'",
            "CREATE TEMP TABLE scratch AS SELECT * FROM t",
            "PRAGMA user_version=7",
            "PRAGMA journal_mode=DELETE",
            "PRAGMA query_only=0",
            "INSERT INTO t(name) VALUES ('new')",
            "DELETE FROM t",
            "DROP TABLE t",
            "WITH doomed AS (SELECT id FROM t) DELETE FROM t WHERE id IN (SELECT id FROM doomed)",
            "SELECT load_extension('./evil')");

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
            sql.execute("CREATE INDEX t_name ON t(name)");
            sql.execute("INSERT INTO t(name, score, data) VALUES ('a', 1.5, x'00ff'), ('b,\"q\"', NULL, NULL),"
                    + " ('', -2.0, x''), (NULL, 1e999, NULL), ('line\nbreak', 0.1, x'7f')");
        }
    }

    Database readOnly() {
        return Database.open(DatabaseConfig.builder(file).readOnly().build());
    }

    @Test
    void everyRefusedStatementLeavesEveryFileOfTheFolderAsItWas() throws Exception {
        // A read-only open of a WAL file leaves an empty -wal and a -shm behind (the db layer's
        // doing, whatever is run): the baseline is the folder after one plain read.
        try (Database db = readOnly()) {
            ReadOnlySql.run(db, "SELECT count(*) FROM t", 0, 1, Cancellation.none());
        }
        Map<String, String> before = folder();
        try (Database db = readOnly()) {
            for (String sql : WRITES) {
                assertThatThrownBy(() -> ReadOnlySql.run(db, sql, 0, 10, Cancellation.none()))
                        .as(sql)
                        .isInstanceOf(SqlRefusedException.class)
                        .hasMessageStartingWith("runstore runs read-only SQL: ");
            }
            assertThat(ReadOnlySql.run(db, "SELECT count(*) FROM t", 0, 1, Cancellation.none())
                            .rows())
                    .containsExactly(List.of(5L));
        }
        assertThat(folder()).isEqualTo(before);
    }

    @Test
    void aReadWriteDatabaseKeepsItsRowsAndSettingsToo() {
        try (Database db = Database.open(file)) {
            for (String sql : WRITES) {
                assertThatThrownBy(() -> ReadOnlySql.run(db, sql, 0, 10, Cancellation.none()))
                        .as(sql)
                        .isInstanceOf(SqlRefusedException.class);
            }
            assertThat(first(db, "SELECT count(*) FROM t")).isEqualTo(5L);
            assertThat(first(db, "PRAGMA user_version")).isEqualTo(0L);
            assertThat(first(db, "PRAGMA journal_mode")).isEqualTo("wal");
            assertThat(first(db, "SELECT count(*) FROM temp.sqlite_schema")).isEqualTo(0L);
        }
        assertThat(dir.resolve("attached.db")).doesNotExist();
        assertThat(dir.resolve("copy.db")).doesNotExist();
    }

    /** The second layer on its own: what slipped past the tokenizer is still caught by its bytecode. */
    @Test
    void theCompiledLayerFindsWritesInTheBytecodeAndNoneInReads() throws Exception {
        try (Database db = readOnly()) {
            for (String write : List.of(
                    "DELETE FROM t",
                    "INSERT INTO t(name) VALUES ('x')",
                    "UPDATE t SET name = 'y'",
                    "CREATE TEMP TABLE x(a)",
                    "DROP TABLE t",
                    "PRAGMA user_version = 7",
                    "VACUUM",
                    "BEGIN",
                    "SELECT load_extension('x')")) {
                assertThat(compiledWrite(db, write)).as(write).isPresent();
            }
            for (String read : List.of(
                    "SELECT * FROM t UNION SELECT * FROM t",
                    "SELECT DISTINCT name FROM t ORDER BY score",
                    "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x+1 FROM c LIMIT 5) SELECT x FROM c",
                    "SELECT * FROM t WHERE name IN (SELECT name FROM t WHERE id > 2)",
                    "PRAGMA journal_mode",
                    "PRAGMA user_version",
                    "PRAGMA integrity_check",
                    "PRAGMA table_info(t)",
                    "PRAGMA index_list(t)",
                    "PRAGMA foreign_key_check",
                    "PRAGMA database_list")) {
                assertThat(compiledWrite(db, read)).as(read).isEmpty();
            }
        }
    }

    @Test
    void aConfinedConnectionCannotAttachAnotherFileAndIsRestoredAfterwards() {
        try (Database db = readOnly()) {
            assertThatThrownBy(() -> db.useRead(h -> {
                        try (var confined = db.engine().confineTypedSql(h)) {
                            h.execute("ATTACH '" + dir.resolve("slipped.db") + "' AS s");
                        }
                    }))
                    .isInstanceOf(DbException.class)
                    .hasMessageContaining("too many attached databases");
            assertThat(dir.resolve("slipped.db")).doesNotExist();
        }
    }

    @Test
    void sqlThatDoesNotCompileIsInvalidInputQuotingSqlite() {
        try (Database db = readOnly()) {
            assertThatThrownBy(() -> ReadOnlySql.run(db, "SELEC 1", 0, 10, Cancellation.none()))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessage("invalid SQL: near \"SELEC\": syntax error");
            assertThatThrownBy(() -> ReadOnlySql.run(db, "SELECT * FROM nope", 0, 10, Cancellation.none()))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessage("invalid SQL: no such table: nope");
        }
    }

    @Test
    void pagesCarryJavaValuesInColumnOrderAndSayWhetherMoreFollow() {
        try (Database db = readOnly()) {
            String sql = "SELECT id, name, score, data FROM t ORDER BY id";
            QueryResult first = ReadOnlySql.run(db, sql, 0, 2, Cancellation.none());
            QueryResult last = ReadOnlySql.run(db, sql, 3, 2, Cancellation.none());

            assertThat(first.columns()).containsExactly("id", "name", "score", "data");
            assertThat(first.more()).isTrue();
            assertThat(first.rows().get(0).subList(0, 3)).containsExactly(1L, "a", 1.5);
            assertThat((byte[]) first.rows().get(0).get(3)).containsExactly(0x00, 0xff);
            assertThat(first.rows().get(1)).containsExactly(2L, "b,\"q\"", null, null);
            assertThat(last.more()).isFalse();
            assertThat(last.rows()).extracting(row -> row.get(0)).containsExactly(4L, 5L);
            assertThat(first.elapsed()).isPositive();
        }
    }

    @Test
    void countCountsQueriesAndPragmas() {
        try (Database db = readOnly()) {
            assertThat(ReadOnlySql.count(db, "SELECT * FROM t WHERE id > 1 -- all but one", Cancellation.none()))
                    .isEqualTo(4);
            assertThat(ReadOnlySql.count(db, "WITH x AS (SELECT 1) SELECT * FROM x, t", Cancellation.none()))
                    .isEqualTo(5);
            assertThat(ReadOnlySql.count(db, "VALUES (1), (2)", Cancellation.none()))
                    .isEqualTo(2);
            assertThat(ReadOnlySql.count(db, "PRAGMA table_info(t);", Cancellation.none()))
                    .isEqualTo(4);
        }
    }

    @Test
    void aPlanIsATreeThatSaysWhereAnIndexServes() {
        try (Database db = readOnly()) {
            QueryPlan byName = ReadOnlySql.plan(db, "SELECT * FROM t WHERE name = 'a'", Cancellation.none());
            QueryPlan scan = ReadOnlySql.plan(db, "EXPLAIN QUERY PLAN SELECT * FROM t", Cancellation.none());
            QueryPlan nested = ReadOnlySql.plan(
                    db,
                    "SELECT * FROM t WHERE id IN (SELECT id FROM t WHERE score > 0) UNION ALL SELECT * FROM t WHERE id = 1",
                    Cancellation.none());

            assertThat(byName.roots()).singleElement().satisfies(n -> {
                assertThat(n.detail()).contains("t_name");
                assertThat(n.usesIndex()).isTrue();
                assertThat(n.scan()).isFalse();
            });
            assertThat(scan.roots()).singleElement().satisfies(n -> {
                assertThat(n.detail()).isEqualTo("SCAN t");
                assertThat(n.scan()).isTrue();
            });
            assertThat(nested.roots()).anySatisfy(n -> assertThat(n.children()).isNotEmpty());
            assertThat(all(nested.roots())).anyMatch(QueryPlan.Node::usesIndex);
        }
    }

    @Test
    void aCancelStopsAQueryThatNeverReturnsAndTheDatabaseStaysUsable() throws Exception {
        try (Database db = readOnly()) {
            Cancellation cancel = new Cancellation();
            CompletableFuture<QueryResult> endless = CompletableFuture.supplyAsync(() -> ReadOnlySql.run(
                    db,
                    "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x+1 FROM c) SELECT count(*) FROM c",
                    0,
                    1,
                    cancel));
            Thread.sleep(100);
            long asked = System.nanoTime();
            cancel.cancel();

            assertThatThrownBy(() -> endless.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(CancelledException.class);
            assertThat(Duration.ofNanos(System.nanoTime() - asked)).isLessThan(Duration.ofSeconds(2));
            assertThat(ReadOnlySql.run(db, "SELECT 1", 0, 1, Cancellation.none())
                            .rows())
                    .containsExactly(List.of(1L));
            assertThatThrownBy(() -> ReadOnlySql.run(db, "SELECT 1", 0, 1, cancel))
                    .isInstanceOf(CancelledException.class);
        }
    }

    /** A page read and returned holds no read transaction: a writer's TRUNCATE checkpoint is not blocked. */
    @Test
    void anIdleCallerHoldsNoReadTransaction() throws Exception {
        try (Connection writer = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement sql = writer.createStatement();
                Database db = readOnly()) {
            sql.execute("INSERT INTO t(name) SELECT 'bulk' FROM (WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT"
                    + " x+1 FROM c LIMIT 500) SELECT x FROM c)");
            QueryResult page = ReadOnlySql.run(db, "SELECT * FROM t", 0, 2, Cancellation.none());
            assertThat(page.more()).isTrue();
            assertThat(ReadOnlySql.count(db, "SELECT * FROM t", Cancellation.none()))
                    .isEqualTo(505);
            sql.execute("INSERT INTO t(name) VALUES ('after the read')");

            try (ResultSet checkpoint = sql.executeQuery("PRAGMA wal_checkpoint(TRUNCATE)")) {
                assertThat(checkpoint.next()).isTrue();
                assertThat(checkpoint.getInt(1))
                        .as("busy: a reader held the WAL")
                        .isZero();
            }
            assertThat(Files.size(Path.of(file + "-wal"))).isZero();
        }
    }

    @Test
    void csvExportReadsBackAsTheRows() {
        try (Database db = readOnly()) {
            String sql = "SELECT id, name, score, data FROM t ORDER BY id";
            StringWriter out = new StringWriter();
            long written = ReadOnlySql.export(db, sql, ExportFormat.CSV, out, Long.MAX_VALUE, Cancellation.none());

            List<List<String>> records = parseCsv(out.toString());
            assertThat(written).isEqualTo(5);
            assertThat(records.get(0)).containsExactly("id", "name", "score", "data");
            assertThat(records.subList(1, records.size()))
                    .containsExactly(
                            List.of("1", "a", "1.5", "00ff"),
                            List.of("2", "b,\"q\"", "", ""),
                            List.of("3", "", "-2.0", ""),
                            List.of("4", "", "Infinity", ""),
                            List.of("5", "line\nbreak", "0.1", "7f"));
            assertThat(out.toString()).contains("\r\n3,\"\",-2.0,\"\"\r\n"); // '' and x'' are not NULL
        }
    }

    @Test
    void jsonLinesExportIsOneCanonicalObjectPerRow() throws Exception {
        try (Database db = readOnly()) {
            String sql = "SELECT id, name, score, data, id AS name FROM t ORDER BY id";
            StringWriter out = new StringWriter();
            ReadOnlySql.export(db, sql, ExportFormat.JSON_LINES, out, Long.MAX_VALUE, Cancellation.none());

            List<String> lines = out.toString().lines().toList();
            ObjectMapper jackson = new ObjectMapper();
            assertThat(lines).hasSize(5);
            assertThat(lines.get(0))
                    .isEqualTo("{\"data\":\"00ff\",\"id\":1,\"name\":\"a\",\"name_2\":1,\"score\":1.5}");
            JsonNode second = jackson.readTree(lines.get(1));
            assertThat(second.get("name").textValue()).isEqualTo("b,\"q\"");
            assertThat(second.get("score").isNull()).isTrue();
            assertThat(jackson.readTree(lines.get(3)).get("score").textValue()).isEqualTo("Infinity");
            assertThat(jackson.readTree(lines.get(4)).get("name").textValue()).isEqualTo("line\nbreak");
            List<String> keys = new ArrayList<>();
            second.fieldNames().forEachRemaining(keys::add);
            assertThat(keys).containsExactly("data", "id", "name", "name_2", "score"); // canonical: sorted
        }
    }

    private static java.util.Optional<String> compiledWrite(Database db, String sql) throws Exception {
        return db.<java.util.Optional<String>, java.sql.SQLException>read(
                h -> db.engine().compiledWrite(h, sql));
    }

    private static Object first(Database db, String sql) {
        return ReadOnlySql.run(db, sql, 0, 1, Cancellation.none()).rows().get(0).get(0);
    }

    private static List<QueryPlan.Node> all(List<QueryPlan.Node> nodes) {
        return nodes.stream()
                .flatMap(n -> Stream.concat(Stream.of(n), all(n.children()).stream()))
                .toList();
    }

    /** Every file of the folder by name, with its SHA-256: -wal and -shm appearing count as changes. */
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

    /** RFC 4180, as a reader that owes nothing to the writer under test would parse it. */
    static List<List<String>> parseCsv(String text) {
        List<List<String>> records = new ArrayList<>();
        List<String> record = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                record.add(field.toString());
                field.setLength(0);
            } else if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                record.add(field.toString());
                field.setLength(0);
                records.add(record);
                record = new ArrayList<>();
                i++;
            } else {
                field.append(c);
            }
        }
        assertThat(field).isEmpty();
        assertThat(record).isEmpty();
        return records.stream()
                .map(r -> List.copyOf(Arrays.asList(r.toArray(String[]::new))))
                .toList();
    }
}
