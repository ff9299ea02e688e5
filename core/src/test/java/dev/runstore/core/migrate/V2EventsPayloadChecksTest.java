package dev.runstore.core.migrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runstore.core.db.Database;
import dev.runstore.core.error.ConstraintException;
import dev.runstore.core.store.SampleData;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real table-rebuild migration, on a database filled at the version before it. */
class V2EventsPayloadChecksTest {
    @TempDir
    Path dir;

    private final Migrator migrator = new Migrator(Environment.TEST);

    @Test
    void aDatabaseFilledAtV1KeepsEveryRowAndIndexThroughTheRebuild() {
        try (Database db = Database.open(dir.resolve("v1.db"))) {
            migrator.migrate(db, "1");
            fillAtV1(db);
            List<String> rowsBefore = allRows(db);
            List<String> indexesBefore = indexes(db);

            assertThat(migrator.migrate(db, "2").applied()).containsExactly("2");

            assertThat(allRows(db)).containsExactlyElementsOf(rowsBefore);
            assertThat(indexes(db)).containsExactlyElementsOf(indexesBefore);
            List<Map<String, Object>> violations = db.read(
                    h -> h.createQuery("PRAGMA foreign_key_check").mapToMap().list());
            assertThat(violations).isEmpty();
        }
    }

    @Test
    void afterTheMigrationAPayloadCannotBeBothInlineAndOutOfLine() {
        try (Database db = Database.open(dir.resolve("v2.db"))) {
            migrator.migrate(db);
            SampleData.fill(db, 1, 1);

            assertThatThrownBy(() ->
                            db.useWrite(h -> h.execute("INSERT INTO events (run_id, seq, ts, level, kind, message,"
                                    + " message_length, payload, payload_uri, payload_sha256) VALUES (1, 99, '2026-11-27"
                                    + " 09:00:00.000000', 'info', 'k', 'm', 1, '{}', 'x.blobs/sha256/aa/bb', 'aabb')")))
                    .isInstanceOfSatisfying(
                            ConstraintException.class,
                            e -> assertThat(e.constraint()).isEqualTo("events_payload_check"));
        }
    }

    /** Rows as V1 allowed them, including a cascade child of every run. */
    private static void fillAtV1(Database db) {
        db.useWrite(h -> {
            for (int r = 1; r <= 30; r++) {
                h.execute(
                        "INSERT INTO runs (id, name, source, status, started_at, params, params_sha256)"
                                + " VALUES (?, ?, 'v1', 'running', '2026-11-27 09:00:00.000000', '{}', 'x')",
                        r,
                        "run-" + r);
                for (int seq = 0; seq < 40; seq++) {
                    h.execute(
                            "INSERT INTO events (run_id, seq, ts, level, kind, message, message_length, payload,"
                                    + " payload_sha256) VALUES (?, ?, '2026-11-27 09:00:01.000000', 'info', 'k', ?, ?, ?, ?)",
                            r,
                            seq,
                            "m" + seq,
                            2,
                            seq % 2 == 0 ? "{\"seq\":" + seq + "}" : null,
                            seq % 2 == 0 ? "h" + seq : null);
                }
            }
        });
    }

    private static List<String> allRows(Database db) {
        return db.read(h -> h.createQuery("SELECT r.id || '|' || r.name || '|' || coalesce(e.id, '') || '|' ||"
                        + " coalesce(e.seq, '') || '|' || coalesce(e.payload, '') AS row FROM runs r"
                        + " LEFT JOIN events e ON e.run_id = r.id ORDER BY r.id, e.id")
                .mapTo(String.class)
                .list());
    }

    private static List<String> indexes(Database db) {
        return db.read(
                h -> h.createQuery("SELECT name || ': ' || sql FROM sqlite_schema WHERE type = 'index' AND sql IS"
                                + " NOT NULL ORDER BY name")
                        .mapTo(String.class)
                        .list());
    }
}
