package dev.runstore.core.backend;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runstore.core.db.Database;
import dev.runstore.core.migrate.Environment;
import dev.runstore.core.migrate.Migrator;
import dev.runstore.core.stats.ChartRange;
import dev.runstore.core.stats.EventRates;
import dev.runstore.core.stats.LevelCounts;
import dev.runstore.core.stats.RateSeries;
import dev.runstore.core.store.Events;
import dev.runstore.core.store.Level;
import dev.runstore.core.store.NewEvent;
import dev.runstore.core.store.NewRun;
import dev.runstore.core.store.Run;
import dev.runstore.core.store.Runs;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
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

    @Test
    void oneRunsRatesCountThatRunAloneOverItsOwnIndexRange() {
        try (Database db = Database.open(backend.fresh(dir).build())) {
            new Migrator(Environment.TEST).migrate(db);
            Runs runs = new Runs(db);
            Run mine = runs.create(new NewRun("mine", "test", Map.of(), T0));
            Run other = runs.create(new NewRun("other", "test", Map.of(), T0));
            List<NewEvent> events = new ArrayList<>();
            List<NewEvent> others = new ArrayList<>();
            for (int i = 1; i <= 400; i++) {
                events.add(new NewEvent(i, T0.plusSeconds(i * 13L), Level.values()[(i * 3) % 4], "k", "m", null));
                others.add(new NewEvent(i, T0.plusSeconds(i * 7L), Level.ERROR, "k", "m", null));
            }
            new Events(db).append(mine.id(), events);
            new Events(db).append(other.id(), others);

            Map<Instant, long[]> expected = new TreeMap<>();
            events.forEach(e -> expected.computeIfAbsent(e.ts().truncatedTo(ChronoUnit.MINUTES), s -> new long[4])[
                    e.level().ordinal()]++);
            RateSeries series = RateSeries.ofRun(db, mine.id(), EventRates.By.MINUTE);
            assertThat(series.buckets()).extracting(LevelCounts::start).containsExactlyElementsOf(expected.keySet());
            int b = 0;
            for (long[] counts : expected.values()) {
                LevelCounts got = series.buckets().get(b++);
                assertThat(new long[] {got.debug(), got.info(), got.warning(), got.error()})
                        .containsExactly(counts);
            }
            assertThat(series.total()).isEqualTo(400);

            List<String> plan = EventRates.runPlan(db, EventRates.By.MINUTE);
            assertThat(db.engine().servedByIndex(plan, "events_run_ts_idx", eventIndexes()))
                    .as(String.join(" | ", plan))
                    .isTrue();
        }
    }

    @Test
    void aRefreshKeepsTheCompletedBucketsAndReadsFromTheLastOne() {
        try (Database db = Database.open(backend.fresh(dir).build())) {
            new Migrator(Environment.TEST).migrate(db);
            Run run = new Runs(db).create(new NewRun("live", "test", Map.of(), T0));
            Events events = new Events(db);
            Instant now = T0.plusSeconds(300);
            // Minutes 23:58, 23:59, 00:00, 00:01, 00:02 (the last one still filling at "now").
            List<NewEvent> first = new ArrayList<>();
            for (int i = 1; i <= 50; i++) {
                first.add(new NewEvent(i, T0.plusSeconds(i * 5L), Level.INFO, "k", "m", null));
            }
            events.append(run.id(), first);
            RateSeries shown = RateSeries.of(db, ChartRange.HOUR, now);
            assertThat(shown.since()).contains(Instant.parse("2026-11-27T23:03:00Z"));
            assertThat(shown.total()).isEqualTo(50);
            Instant last = shown.buckets().get(shown.buckets().size() - 1).start();

            // One event into the last bucket, two into a new one, and one late arrival into a
            // bucket already complete: a refresh sees the first three, not the fourth.
            events.append(
                    run.id(),
                    List.of(
                            new NewEvent(51, last.plusSeconds(50), Level.ERROR, "k", "m", null),
                            new NewEvent(52, last.plusSeconds(70), Level.WARNING, "k", "m", null),
                            new NewEvent(53, last.plusSeconds(75), Level.DEBUG, "k", "m", null),
                            new NewEvent(54, T0.plusSeconds(10), Level.ERROR, "k", "m", null)));
            RateSeries refreshed = shown.refreshed(db, now.plusSeconds(60));
            RateSeries fresh = RateSeries.of(db, ChartRange.HOUR, now.plusSeconds(60));

            assertThat(refreshed.total()).isEqualTo(53);
            assertThat(fresh.total()).isEqualTo(54);
            assertThat(refreshed.buckets().subList(1, refreshed.buckets().size()))
                    .isEqualTo(fresh.buckets().subList(1, fresh.buckets().size()));
            LevelCounts lastNow = refreshed.buckets().stream()
                    .filter(c -> c.start().equals(last))
                    .findFirst()
                    .orElseThrow();
            assertThat(lastNow.error()).isEqualTo(1);
            assertThat(refreshed.buckets().get(refreshed.buckets().size() - 1))
                    .isEqualTo(new LevelCounts(last.plusSeconds(60), 1, 0, 1, 0));

            // An hour on, the window has slid past the first minutes: they are dropped, not kept.
            RateSeries later = refreshed.refreshed(db, T0.plusSeconds(3_600 + 30));
            assertThat(later.since()).contains(Instant.parse("2026-11-27T23:59:00Z"));
            assertThat(later.buckets())
                    .extracting(LevelCounts::start)
                    .doesNotContain(Instant.parse("2026-11-27T23:58:00Z"));
            assertThat(later.buckets())
                    .isEqualTo(
                            refreshed.buckets().subList(1, refreshed.buckets().size()));

            // A run's series continues the same way.
            RateSeries ofRun = RateSeries.ofRun(db, run.id(), EventRates.By.MINUTE);
            events.append(run.id(), List.of(new NewEvent(55, last.plusSeconds(80), Level.INFO, "k", "m", null)));
            RateSeries runRefreshed = ofRun.refreshed(db, now);
            assertThat(runRefreshed.run()).isEqualTo(OptionalLong.of(run.id()));
            assertThat(runRefreshed.total()).isEqualTo(55);
            assertThat(runRefreshed.buckets())
                    .isEqualTo(
                            RateSeries.ofRun(db, run.id(), EventRates.By.MINUTE).buckets());
            assertThat(Duration.between(T0, now)).isPositive();
        }
    }

    private static List<String> eventIndexes() {
        return dev.runstore.core.store.ListingQueries.EXPECTED_INDEXES.stream()
                .filter(spec -> spec.table().equals("events"))
                .map(dev.runstore.core.store.IndexSpec::name)
                .toList();
    }
}
