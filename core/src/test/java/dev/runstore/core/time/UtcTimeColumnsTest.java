package dev.runstore.core.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runstore.core.db.Database;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.TimeZone;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Time columns on a real SQLite file, with the JVM's default zone set to awkward zones. */
class UtcTimeColumnsTest {
    private static final TimeZone ORIGINAL = TimeZone.getDefault();

    @TempDir
    Path dir;

    @AfterEach
    void restoreZone() {
        TimeZone.setDefault(ORIGINAL);
    }

    @ParameterizedTest(name = "default zone {0}")
    @ValueSource(strings = {"America/St_Johns", "Asia/Kathmandu", "America/New_York", "Pacific/Chatham", "UTC"})
    void instantsAreStoredAsNaiveUtcTextAndReadBackUnchanged(String zone) {
        TimeZone.setDefault(TimeZone.getTimeZone(zone));
        Instant at = Instant.parse("2026-11-27T09:27:09.123456Z");

        try (Database db = openWithTable()) {
            db.useWrite(h -> h.execute("INSERT INTO t (id, at) VALUES (1, ?)", at));

            assertThat(storedText(db, 1)).isEqualTo("2026-11-27 09:27:09.123456");
            assertThat(readInstant(db, 1)).isEqualTo(at);
            OffsetDateTime asOffset = db.read(h -> h.createQuery("SELECT at FROM t WHERE id = 1")
                    .mapTo(OffsetDateTime.class)
                    .one());
            assertThat(asOffset).isEqualTo(OffsetDateTime.of(2026, 11, 27, 9, 27, 9, 123_456_000, ZoneOffset.UTC));
        }
    }

    @ParameterizedTest(name = "default zone {0}")
    @ValueSource(strings = {"America/New_York", "America/St_Johns", "Asia/Kathmandu"})
    void timesAcrossDaylightSavingChangesKeepTheirOrderAndValue(String zone) {
        TimeZone.setDefault(TimeZone.getTimeZone(zone));
        ZoneId newYork = ZoneId.of("America/New_York");
        // The hour that repeats when New York falls back, on both sides, and the spring gap.
        ZonedDateTime firstOneThirty =
                ZonedDateTime.of(2026, 11, 1, 1, 30, 0, 0, newYork).withEarlierOffsetAtOverlap();
        ZonedDateTime secondOneThirty = firstOneThirty.withLaterOffsetAtOverlap();
        ZonedDateTime afterSpringGap = ZonedDateTime.of(2026, 3, 8, 3, 0, 0, 1_000, newYork);
        ZonedDateTime beforeSpringGap = afterSpringGap.minusNanos(2_000);
        List<ZonedDateTime> times = List.of(beforeSpringGap, afterSpringGap, firstOneThirty, secondOneThirty);

        try (Database db = openWithTable()) {
            db.useWrite(h -> {
                for (int i = 0; i < times.size(); i++) {
                    h.execute("INSERT INTO t (id, at) VALUES (?, ?)", i, times.get(i));
                }
            });

            List<Instant> byText = db.read(h -> h.createQuery("SELECT at FROM t ORDER BY at")
                    .mapTo(Instant.class)
                    .list());
            assertThat(byText)
                    .containsExactlyElementsOf(
                            times.stream().map(ZonedDateTime::toInstant).toList());
            assertThat(storedText(db, 2)).isEqualTo("2026-11-01 05:30:00.000000");
            assertThat(storedText(db, 3)).isEqualTo("2026-11-01 06:30:00.000000");
            assertThat(storedText(db, 0)).isEqualTo("2026-03-08 06:59:59.999999");
        }
    }

    @Test
    void offsetTimesAreConvertedToUtcBeforeTheyAreStored() {
        OffsetDateTime kathmandu = OffsetDateTime.of(2026, 11, 27, 15, 12, 9, 0, ZoneOffset.ofHoursMinutes(5, 45));

        try (Database db = openWithTable()) {
            db.useWrite(h -> h.execute("INSERT INTO t (id, at) VALUES (1, ?)", kathmandu));

            assertThat(storedText(db, 1)).isEqualTo("2026-11-27 09:27:09.000000");
        }
    }

    @Test
    void bindingALocalDateTimeIsRefusedAndWritesNothing() {
        try (Database db = openWithTable()) {
            assertThatThrownBy(() -> db.useWrite(h ->
                            h.execute("INSERT INTO t (id, at) VALUES (1, ?)", LocalDateTime.of(2026, 11, 27, 9, 0))))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("a LocalDateTime has no time zone");
            int rows = db.read(h ->
                    h.createQuery("SELECT count(*) FROM t").mapTo(Integer.class).one());
            assertThat(rows).isZero();
        }
    }

    @Test
    void aNullTimeIsStoredAsNullAndReadsBackAsNull() {
        try (Database db = openWithTable()) {
            db.useWrite(h -> h.createUpdate("INSERT INTO t (id, at) VALUES (1, :at)")
                    .bindByType("at", null, Instant.class)
                    .execute());

            assertThat(readInstant(db, 1)).isNull();
        }
    }

    private Database openWithTable() {
        Database db = Database.open(dir.resolve("times.db"));
        db.useWrite(h -> h.execute("CREATE TABLE IF NOT EXISTS t (id INTEGER PRIMARY KEY, at TEXT)"));
        return db;
    }

    private static String storedText(Database db, int id) {
        return db.read(h -> h.createQuery("SELECT at FROM t WHERE id = ? AND typeof(at) = 'text'")
                .bind(0, id)
                .mapTo(String.class)
                .one());
    }

    private static Instant readInstant(Database db, int id) {
        return db.read(h -> h.createQuery("SELECT at FROM t WHERE id = ?")
                .bind(0, id)
                .mapTo(Instant.class)
                .one());
    }
}
