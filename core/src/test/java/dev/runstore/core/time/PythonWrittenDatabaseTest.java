package dev.runstore.core.time;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runstore.core.db.Database;
import dev.runstore.core.db.DatabaseConfig;
import dev.runstore.core.json.JsonText;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reads python-written/times.db, made by core/src/test/scripts/write_python_times_db.py with
 * Python's sqlite3: every time and JSON value the Python side writes must read back identically.
 */
class PythonWrittenDatabaseTest {
    record Sample(
            String label,
            Instant viaDefaultAdapter,
            Instant viaSqlAlchemy,
            String sqlAlchemyText,
            String iso,
            long epochMicros,
            JsonText payload,
            String payloadText,
            String payloadSha256) {}

    @TempDir
    Path dir;

    List<Sample> samples;

    @BeforeEach
    void readSamples() throws Exception {
        Path file = dir.resolve("times.db");
        try (InputStream in = Objects.requireNonNull(getClass().getResourceAsStream("/python-written/times.db"))) {
            Files.copy(in, file);
        }
        try (Database db = Database.open(DatabaseConfig.builder(file).readOnly().build())) {
            samples = db.read(h -> h.createQuery("SELECT label, ts_default, ts_sqlalchemy, ts_sqlalchemy AS text, iso,"
                            + " epoch_micros, payload, payload AS payload_text, payload_sha256 FROM samples")
                    .map((rs, ctx) -> new Sample(
                            rs.getString("label"),
                            ctx.findColumnMapperFor(Instant.class).orElseThrow().map(rs, "ts_default", ctx),
                            ctx.findColumnMapperFor(Instant.class).orElseThrow().map(rs, "ts_sqlalchemy", ctx),
                            rs.getString("text"),
                            rs.getString("iso"),
                            rs.getLong("epoch_micros"),
                            ctx.findColumnMapperFor(JsonText.class)
                                    .orElseThrow()
                                    .map(rs, "payload", ctx),
                            rs.getString("payload_text"),
                            rs.getString("payload_sha256")))
                    .list());
        }
        assertThat(samples).hasSizeGreaterThanOrEqualTo(8);
    }

    @Test
    void timesWrittenByPythonReadBackAsTheSameUtcInstant() {
        assertThat(samples).allSatisfy(s -> {
            Instant expected = Instant.EPOCH.plus(s.epochMicros(), ChronoUnit.MICROS);
            assertThat(s.viaDefaultAdapter()).as(s.label()).isEqualTo(expected);
            assertThat(s.viaSqlAlchemy()).as(s.label()).isEqualTo(expected);
            assertThat(UtcTime.parseIso(s.iso())).as(s.label()).isEqualTo(expected);
        });
    }

    @Test
    void javaWritesTheSameTimeTextsAsPython() {
        assertThat(samples).allSatisfy(s -> {
            assertThat(UtcTime.toIso(s.viaSqlAlchemy())).as(s.label()).isEqualTo(s.iso());
            assertThat(UtcTime.toSqlText(s.viaSqlAlchemy())).as(s.label()).isEqualTo(s.sqlAlchemyText());
        });
    }

    @Test
    void jsonWrittenByPythonIsAlreadyCanonicalAndHashesTheSame() {
        assertThat(samples).allSatisfy(s -> {
            assertThat(s.payload().json()).as(s.label()).isEqualTo(s.payloadText());
            assertThat(s.payload().sha256Hex()).as(s.label()).isEqualTo(s.payloadSha256());
        });
    }
}
