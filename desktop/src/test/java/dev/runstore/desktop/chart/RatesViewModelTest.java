package dev.runstore.desktop.chart;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runstore.core.db.Database;
import dev.runstore.core.query.Filter;
import dev.runstore.core.stats.ChartRange;
import dev.runstore.core.stats.EventRates.By;
import dev.runstore.core.stats.LevelCounts;
import dev.runstore.core.store.Events;
import dev.runstore.core.store.Level;
import dev.runstore.core.store.NewEvent;
import dev.runstore.core.store.Run;
import dev.runstore.core.time.UtcTime;
import dev.runstore.desktop.main.MainViewModel;
import dev.runstore.desktop.main.RecentFiles;
import dev.runstore.desktop.panel.Navigation;
import dev.runstore.desktop.support.ChartSeed;
import dev.runstore.desktop.support.DirectExecutor;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The charts' view models over a real database, without a toolkit: series, refresh, states, clicks. */
class RatesViewModelTest {
    @TempDir
    Path dir;

    MainViewModel main;
    final List<String> calls = new ArrayList<>();

    @AfterEach
    void close() {
        if (main != null) {
            main.close();
        }
    }

    ChartSeed open() {
        ChartSeed seed = ChartSeed.write(dir, "charts.db");
        main = new MainViewModel(new DirectExecutor(), MainViewModel.Sessions.real(false), RecentFiles.inMemory());
        main.open(seed.file);
        main.session().observe((operation, nanos) -> calls.add(operation));
        return seed;
    }

    static Map<Instant, List<Long>> nonZero(List<LevelCounts> buckets) {
        return buckets.stream()
                .filter(b -> b.total() > 0)
                .collect(Collectors.toMap(
                        LevelCounts::start, b -> List.of(b.debug(), b.info(), b.warning(), b.error())));
    }

    static Map<Instant, List<Long>> lists(Map<Instant, long[]> counts) {
        return counts.entrySet().stream()
                .collect(Collectors.toMap(
                        Map.Entry::getKey,
                        e -> java.util.Arrays.stream(e.getValue()).boxed().toList()));
    }

    @Test
    void theOverviewChartHoldsEveryBucketOfTheRangeWithTheCountsMadeInTheTest() {
        ChartSeed seed = open();
        RatesViewModel rates = main.overview().rates();
        assertThat(main.overview().rangeProperty().get()).isEqualTo(ChartRange.DAY);
        assertThat(rates.stateProperty().get()).isEqualTo(RatesViewModel.State.SHOWN);
        assertThat(rates.byProperty().get()).isEqualTo(By.HOUR);
        Instant since = rates.buckets().get(0).start();
        assertThat(rates.buckets()).hasSize(25); // from 24 h back to the hour now filling, zeros included
        assertThat(nonZero(rates.buckets()))
                .isEqualTo(lists(seed.countsBy(ChronoUnit.HOURS, e -> !e.ts().isBefore(since))));

        main.overview().rangeProperty().set(ChartRange.HOUR);
        assertThat(calls).containsExactly("eventRates");
        Instant hourSince = rates.buckets().get(0).start();
        assertThat(hourSince).isBetween(seed.now.minus(60, ChronoUnit.MINUTES), seed.now.minus(58, ChronoUnit.MINUTES));
        assertThat(rates.buckets())
                .extracting(LevelCounts::start)
                .doesNotHaveDuplicates()
                .isSorted();
        assertThat(nonZero(rates.buckets()))
                .isEqualTo(lists(seed.countsBy(ChronoUnit.MINUTES, e -> !e.ts().isBefore(hourSince))));

        main.overview().rangeProperty().set(ChartRange.ALL);
        assertThat(rates.byProperty().get()).isEqualTo(By.DAY);
        assertThat(rates.buckets().stream().mapToLong(LevelCounts::total).sum()).isEqualTo(seed.events.size());
        assertThat(rates.buckets()).hasSizeGreaterThanOrEqualTo(4); // three days back, the days between filled
    }

    @Test
    void aLiveRefreshReadsOnlyFromTheLastBucketAndSeesWhatWasWrittenMeanwhile() {
        ChartSeed seed = open();
        main.overview().rangeProperty().set(ChartRange.SIX_HOURS);
        long before = main.overview().rates().buckets().stream()
                .mapToLong(LevelCounts::total)
                .sum();
        Run live = seed.runs.get(seed.runs.size() - 1);
        try (Database db = Database.open(seed.file)) { // another writer, as an ingester would be
            new Events(db)
                    .append(
                            live.id(),
                            List.of(
                                    new NewEvent(100_000, Instant.now(), Level.ERROR, "late", "now", null),
                                    new NewEvent(100_001, Instant.now(), Level.ERROR, "late", "now", null)));
        }
        calls.clear();
        main.tick();
        assertThat(calls).containsExactly("overviewRefresh", "runsTimeline", "ratesRefresh");
        assertThat(main.overview().rates().buckets().stream()
                        .mapToLong(LevelCounts::total)
                        .sum())
                .isEqualTo(before + 2);
        assertThat(main.overview().timelineProperty().get().runs()).hasSize(5);
    }

    @Test
    void aRangeWithoutEventsSaysSoAndAPlainFileShowsNoChart() throws Exception {
        ChartSeed seed = ChartSeed.write(dir, "old.db");
        // Only the old event is left: nothing in the last hour.
        try (Database db = Database.open(seed.file)) {
            db.useWrite(h -> h.execute("DELETE FROM events WHERE message <> 'old'"));
        }
        main = new MainViewModel(new DirectExecutor(), MainViewModel.Sessions.real(false), RecentFiles.inMemory());
        main.open(seed.file);
        main.overview().rangeProperty().set(ChartRange.HOUR);
        RatesViewModel rates = main.overview().rates();
        assertThat(rates.stateProperty().get()).isEqualTo(RatesViewModel.State.EMPTY);
        assertThat(rates.messageProperty().get()).isEqualTo("No events in the last 1 h.");
        assertThat(rates.buckets()).isEmpty();
        main.overview().rangeProperty().set(ChartRange.WEEK);
        assertThat(rates.stateProperty().get()).isEqualTo(RatesViewModel.State.SHOWN);

        Path plain = dir.resolve("plain.db");
        try (Database db = Database.open(plain)) {
            db.useWrite(h -> h.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY)"));
        }
        main.open(plain);
        assertThat(rates.stateProperty().get()).isEqualTo(RatesViewModel.State.IDLE);
        assertThat(main.bannerProperty().get()).isEmpty();
    }

    @Test
    void clickingABarOpensThatBucketsEventsAtThatLevelInBrowse() {
        ChartSeed seed = open();
        main.overview().rangeProperty().set(ChartRange.HOUR);
        LevelCounts busiest = main.overview().rates().buckets().stream()
                .filter(b -> b.warning() > 0)
                .max(java.util.Comparator.comparingLong(LevelCounts::warning))
                .orElseThrow();
        main.overview().rates().open(busiest, Level.WARNING);

        assertThat(main.selectedIndexProperty().get()).isEqualTo(Navigation.Target.BROWSE.ordinal());
        assertThat(main.browse().tableProperty().get()).isEqualTo("events");
        assertThat(main.browse().filters())
                .containsExactly(
                        Filter.equal("level", "warning"),
                        new Filter(
                                "ts",
                                Filter.Op.GREATER,
                                UtcTime.toSqlText(busiest.start().minusNanos(1_000))),
                        new Filter(
                                "ts",
                                Filter.Op.LESS,
                                UtcTime.toSqlText(busiest.start().plusSeconds(60))));
        int level = main.browse().columns().indexOf("level");
        assertThat(main.browse().rows()).hasSize((int) busiest.warning());
        assertThat(main.browse().rows())
                .allSatisfy(row -> assertThat(row.get(level)).isEqualTo("warning"));
        long expected = seed.events.stream()
                .filter(e -> e.level() == Level.WARNING
                        && e.ts().truncatedTo(ChronoUnit.MINUTES).equals(busiest.start()))
                .count();
        assertThat(busiest.warning()).isEqualTo(expected);
    }

    @Test
    void theSelectedRunsChartCountsThatRunAndARunBarSelectsIt() {
        ChartSeed seed = open();
        Run failed = seed.runs.get(2);
        main.navigation().showRun(failed.id());
        assertThat(main.selectedIndexProperty().get()).isEqualTo(Navigation.Target.RUNS.ordinal());
        assertThat(main.runs().selectedRunProperty().get().run().id()).isEqualTo(failed.id());

        RatesViewModel runRates = main.runs().runRates();
        assertThat(runRates.stateProperty().get()).isEqualTo(RatesViewModel.State.SHOWN);
        assertThat(runRates.byProperty().get()).isEqualTo(By.MINUTE); // a run of 70 minutes
        assertThat(runRates.run()).hasValue(failed.id());
        assertThat(nonZero(runRates.buckets()))
                .isEqualTo(lists(seed.countsBy(ChronoUnit.MINUTES, e -> e.runId() == failed.id())));

        calls.clear();
        main.tick(); // a finished run's chart reads nothing on refresh
        assertThat(calls).doesNotContain("ratesRefresh", "runRates");

        main.runs().runRates().open(runRates.buckets().get(0), Level.INFO);
        assertThat(main.browse().filters()).startsWith(Filter.equal("run_id", failed.id()));

        main.runs().selectedRunProperty().set(null);
        assertThat(runRates.stateProperty().get()).isEqualTo(RatesViewModel.State.IDLE);
    }

    @Test
    void zerosFillTheBucketsWithoutEvents() {
        Instant t = Instant.parse("2026-11-27T09:00:00Z");
        List<LevelCounts> filled = RatesViewModel.filled(
                List.of(new LevelCounts(t.plusSeconds(120), 1, 2, 3, 4)), By.MINUTE, t, t.plusSeconds(240));
        assertThat(filled)
                .containsExactly(
                        new LevelCounts(t, 0, 0, 0, 0),
                        new LevelCounts(t.plusSeconds(60), 0, 0, 0, 0),
                        new LevelCounts(t.plusSeconds(120), 1, 2, 3, 4),
                        new LevelCounts(t.plusSeconds(180), 0, 0, 0, 0),
                        new LevelCounts(t.plusSeconds(240), 0, 0, 0, 0));
        assertThat(ChartText.tickSeconds(By.MINUTE, 361)).isEqualTo(3_600);
        assertThat(ChartText.tickSeconds(By.MINUTE, 61)).isEqualTo(600);
        assertThat(ChartText.tooltip(new LevelCounts(t, 1, 2_000, 3, 4), By.MINUTE))
                .startsWith("2026-11-27 09:00 UTC, 1 minute\ndebug 1\ninfo 2,000\nwarning 3\nerror 4\ntotal 2,008");
    }
}
