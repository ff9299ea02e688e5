package dev.runstore.core.backend;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runstore.core.db.Database;
import dev.runstore.core.migrate.Environment;
import dev.runstore.core.migrate.Migrator;
import dev.runstore.core.stats.EventRates;
import dev.runstore.core.stats.LevelCounts;
import dev.runstore.core.store.Events;
import dev.runstore.core.store.Level;
import dev.runstore.core.store.NewEvent;
import dev.runstore.core.store.NewRun;
import dev.runstore.core.store.Run;
import dev.runstore.core.store.Runs;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Events per minute, hour and day by level, on each engine, against counts the test makes itself. */
abstract class StatsContract {
    private static final Instant T0 = Instant.parse("2026-11-27T23:58:30Z"); // spans a day boundary

    private final Backend backend;

    @TempDir
    Path dir;

    StatsContract(Backend backend) {
        this.backend = backend;
    }

    @Test
    void bucketsByMinuteHourAndDayEqualCountsMadeIndependently() {
        try (Database db = Database.open(backend.fresh(dir).build())) {
            new Migrator(Environment.TEST).migrate(db);
            Run run = new Runs(db).create(new NewRun("rates", "test", Map.of(), T0));
            List<NewEvent> events = new ArrayList<>();
            List<Instant> times = new ArrayList<>();
            for (int i = 1; i <= 1_500; i++) {
                Instant ts = T0.plusMillis(i * 2_345L); // about 58 minutes, past midnight
                times.add(ts);
                events.add(new NewEvent(i, ts, Level.values()[(i * 7) % 4], "k", "m", null));
            }
            new Events(db).append(run.id(), events);

            for (EventRates.By by : EventRates.By.values()) {
                Map<Instant, long[]> expected = new TreeMap<>();
                for (int i = 0; i < times.size(); i++) {
                    Instant start = by == EventRates.By.DAY
                            ? times.get(i).truncatedTo(ChronoUnit.DAYS)
                            : times.get(i).truncatedTo(by.unit());
                    expected.computeIfAbsent(start, s -> new long[4])[
                            events.get(i).level().ordinal()]++;
                }
                List<LevelCounts> series = EventRates.of(db, by, Optional.empty(), Optional.empty());
                assertThat(series).as(by.name()).hasSize(expected.size());
                int b = 0;
                for (Map.Entry<Instant, long[]> e : expected.entrySet()) {
                    LevelCounts got = series.get(b++);
                    assertThat(got.start()).isEqualTo(e.getKey());
                    assertThat(new long[] {got.debug(), got.info(), got.warning(), got.error()})
                            .as(by + " " + e.getKey())
                            .containsExactly(e.getValue());
                }
            }

            Instant since = T0.plusSeconds(600);
            Instant until = T0.plusSeconds(1_200);
            long inRange = times.stream()
                    .filter(t -> !t.isBefore(since) && t.isBefore(until))
                    .count();
            assertThat(EventRates.of(db, EventRates.By.MINUTE, Optional.of(since), Optional.of(until)).stream()
                            .mapToLong(LevelCounts::total)
                            .sum())
                    .isEqualTo(inRange);
        }
    }
}
