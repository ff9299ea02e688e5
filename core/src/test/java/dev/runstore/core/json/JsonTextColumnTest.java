package dev.runstore.core.json;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runstore.core.db.Database;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonTextColumnTest {
    @TempDir
    Path dir;

    @Test
    void equalValuesAreEqualBytesInTheDatabase() {
        Map<String, Object> first = new LinkedHashMap<>();
        first.put("b", List.of(1, 2.5));
        first.put("a", "é");
        Map<String, Object> second = new LinkedHashMap<>();
        second.put("a", "é");
        second.put("b", List.of(1, 2.5));

        try (Database db = openWithTable()) {
            db.useWrite(h -> {
                h.execute("INSERT INTO t (id, params) VALUES (1, ?)", JsonText.of(first));
                h.execute("INSERT INTO t (id, params) VALUES (2, ?)", JsonText.of(second));
            });

            List<String> stored = db.read(h -> h.createQuery("SELECT hex(params) FROM t ORDER BY id")
                    .mapTo(String.class)
                    .list());
            assertThat(stored.get(0)).isEqualTo(stored.get(1));
            String text = db.read(h -> h.createQuery("SELECT params FROM t WHERE id = 1")
                    .mapTo(String.class)
                    .one());
            assertThat(text).isEqualTo("{\"a\":\"é\",\"b\":[1,2.5]}");
        }
    }

    @Test
    void aJsonColumnReadsBackAsTheSameValue() {
        JsonText params = JsonText.of(Map.of("retries", 3, "tags", List.of("x")));

        try (Database db = openWithTable()) {
            db.useWrite(h -> h.execute("INSERT INTO t (id, params) VALUES (1, ?)", params));

            JsonText read = db.read(h ->
                    h.createQuery("SELECT params FROM t").mapTo(JsonText.class).one());
            assertThat(read).isEqualTo(params);
            assertThat(read.tree().get("retries").intValue()).isEqualTo(3);
        }
    }

    @Test
    void jsonWrittenByOthersReadsBackCanonical() {
        try (Database db = openWithTable()) {
            db.useWrite(h -> h.execute("INSERT INTO t (id, params) VALUES (1, ?)", "{ \"b\": 1e2, \"a\": [ ] }"));

            JsonText read = db.read(h ->
                    h.createQuery("SELECT params FROM t").mapTo(JsonText.class).one());
            assertThat(read.json()).isEqualTo("{\"a\":[],\"b\":100.0}");
        }
    }

    private Database openWithTable() {
        Database db = Database.open(dir.resolve("json.db"));
        db.useWrite(h -> h.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, params TEXT)"));
        return db;
    }
}
