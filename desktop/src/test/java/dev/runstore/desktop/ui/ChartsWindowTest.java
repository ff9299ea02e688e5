package dev.runstore.desktop.ui;

import static org.assertj.core.api.Assertions.assertThat;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import dev.runstore.core.store.Level;
import dev.runstore.core.store.Run;
import dev.runstore.desktop.chart.RateChart;
import dev.runstore.desktop.chart.RatesViewModel;
import dev.runstore.desktop.chart.RunsTimeline;
import dev.runstore.desktop.main.MainViewModel;
import dev.runstore.desktop.panel.Navigation;
import dev.runstore.desktop.support.ChartSeed;
import dev.runstore.desktop.support.ConsoleFixture;
import dev.runstore.desktop.support.Screenshots;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import javafx.application.Application;
import javafx.scene.Node;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Tooltip;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The charts in the real window over a database another connection wrote at known minutes: the
 * drawn series equal counts by minute made here from the events written, hovering a bar shows its
 * counts, clicking one opens Browse filtered to it and clicking a run opens the run.
 */
@ExtendWith(ApplicationExtension.class)
class ChartsWindowTest {
    @TempDir
    static Path dir;

    static ChartSeed seed;

    MainViewModel viewModel;
    Stage stage;

    @BeforeAll
    static void seed() {
        seed = ChartSeed.write(dir, "charts.db");
    }

    @Start
    void start(Stage stage) {
        this.stage = stage;
        viewModel = ConsoleFixture.show(stage, false);
    }

    @AfterEach
    void screenshotAndClose(TestInfo test) {
        Screenshots.save(
                stage.getScene(),
                "ChartsWindowTest-" + test.getTestMethod().orElseThrow().getName());
        WaitForAsyncUtils.waitForAsyncFx(10_000, viewModel::close);
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
    }

    void open(FxRobot robot, String range) {
        robot.interact(() -> viewModel.open(seed.file));
        ConsoleFixture.settle(viewModel);
        robot.clickOn("#range-" + range);
        ConsoleFixture.settle(viewModel);
    }

    /** The drawn chart's counts by bucket start: x is epoch seconds, one series per level; zeros left out. */
    static Map<Instant, List<Long>> drawn(XYChart<Number, Number> chart) {
        Map<Instant, long[]> counts = new TreeMap<>();
        List<XYChart.Series<Number, Number>> series = chart.getData();
        assertThat(series).extracting(XYChart.Series::getName).containsExactly("debug", "info", "warning", "error");
        for (int l = 0; l < series.size(); l++) {
            for (XYChart.Data<Number, Number> point : series.get(l).getData()) {
                counts.computeIfAbsent(Instant.ofEpochSecond(point.getXValue().longValue()), t -> new long[4])[l] =
                        point.getYValue().longValue();
            }
        }
        Map<Instant, List<Long>> nonZero = new TreeMap<>();
        counts.forEach((t, n) -> {
            if (Arrays.stream(n).sum() > 0) {
                nonZero.put(t, Arrays.stream(n).boxed().toList());
            }
        });
        return nonZero;
    }

    static Map<Instant, List<Long>> expected(Map<Instant, long[]> counts) {
        Map<Instant, List<Long>> lists = new TreeMap<>();
        counts.forEach((t, n) -> lists.put(t, Arrays.stream(n).boxed().toList()));
        return lists;
    }

    static XYChart.Data<Number, Number> point(XYChart<Number, Number> chart, Level level, Instant start) {
        return chart.getData().get(level.ordinal()).getData().stream()
                .filter(p -> p.getXValue().longValue() == start.getEpochSecond())
                .findFirst()
                .orElseThrow();
    }

    @Test
    void theEventRateChartDrawsTheCountsByMinuteAndABarOpensItsEvents(FxRobot robot) throws Exception {
        open(robot, "hour");
        RateChart rateChart = robot.lookup(".overview .rate-chart").query();
        XYChart<Number, Number> chart = rateChart.chart();
        assertThat(chart.isVisible()).isTrue();
        Instant first = Instant.ofEpochSecond(
                chart.getData().get(0).getData().get(0).getXValue().longValue());
        assertThat(first).isBetween(seed.now.minus(60, ChronoUnit.MINUTES), seed.now.minus(58, ChronoUnit.MINUTES));
        assertThat(drawn(chart)).isEqualTo(expected(seed.countsBy(ChronoUnit.MINUTES, e -> !e.ts().isBefore(first))));

        // The bucket with the most errors: hover its error bar, then click it.
        Map<Instant, long[]> byMinute = seed.countsBy(ChronoUnit.MINUTES, e -> !e.ts().isBefore(first));
        Instant busiest = byMinute.entrySet().stream()
                .max(Map.Entry.comparingByValue(java.util.Comparator.comparingLong((long[] n) -> n[3])))
                .orElseThrow()
                .getKey();
        long[] counts = byMinute.get(busiest);
        Node bar = point(chart, Level.ERROR, busiest).getNode();
        Tooltip tip = (Tooltip) bar.getProperties().get("javafx.scene.control.Tooltip");
        robot.moveTo(bar);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, tip::isShowing);
        assertThat(tip.getText())
                .startsWith(java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
                                .withZone(java.time.ZoneOffset.UTC)
                                .format(busiest)
                        + " UTC, 1 minute\n")
                .contains(String.format(
                        "debug %d\ninfo %d\nwarning %d\nerror %d\ntotal %d",
                        counts[0],
                        counts[1],
                        counts[2],
                        counts[3],
                        Arrays.stream(counts).sum()));
        Screenshots.save(stage.getScene(), "charts-tooltip");

        robot.clickOn(bar);
        ConsoleFixture.settle(viewModel);
        assertThat(viewModel.selectedIndexProperty().get()).isEqualTo(Navigation.Target.BROWSE.ordinal());
        assertThat(viewModel.browse().tableProperty().get()).isEqualTo("events");
        int level = viewModel.browse().columns().indexOf("level");
        int ts = viewModel.browse().columns().indexOf("ts");
        assertThat(viewModel.browse().rows()).hasSize((int) counts[3]);
        assertThat(viewModel.browse().rows()).allSatisfy(row -> {
            assertThat(row.get(level)).isEqualTo("error");
            assertThat(String.valueOf(row.get(ts)))
                    .startsWith(
                            dev.runstore.core.time.UtcTime.toSqlText(busiest).substring(0, 16));
        });
    }

    @Test
    void theRunsTimelineDrawsEachRunAndARunBarOpensTheRunWithItsChart(FxRobot robot) throws Exception {
        open(robot, "six_hours");
        RunsTimeline timeline = robot.lookup(".overview .runs-timeline").query();
        List<XYChart.Data<Number, String>> bars =
                timeline.chart().getData().get(0).getData();
        assertThat(bars).hasSize(seed.runs.size());
        for (int i = 0; i < bars.size(); i++) {
            Run run = seed.runs.get(i); // oldest first, as written
            RunsTimeline.Span span = (RunsTimeline.Span) bars.get(i).getExtraValue();
            assertThat(span.run().id()).isEqualTo(run.id());
            assertThat(bars.get(i).getXValue().longValue())
                    .isEqualTo(run.startedAt().getEpochSecond());
            assertThat(bars.get(i).getNode().getStyleClass())
                    .contains("run-" + run.status().label());
            if (run.finishedAt() != null) {
                assertThat(span.endSeconds()).isEqualTo(run.finishedAt().getEpochSecond());
            } else {
                assertThat(span.endSeconds()).isGreaterThanOrEqualTo(seed.now.getEpochSecond());
            }
        }
        Screenshots.save(stage.getScene(), "overview-charts");
        Application.setUserAgentStylesheet(new PrimerDark().getUserAgentStylesheet());
        WaitForAsyncUtils.waitForFxEvents();
        Screenshots.save(stage.getScene(), "overview-charts-dark");
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        WaitForAsyncUtils.waitForFxEvents();

        Run failed = seed.runs.get(2);
        Node bar = bars.get(2).getNode();
        Tooltip tip = (Tooltip) bar.getProperties().get("javafx.scene.control.Tooltip");
        assertThat(tip.getText()).startsWith(failed.name() + " · failed\nstarted ");
        robot.clickOn(bar);
        ConsoleFixture.settle(viewModel);
        assertThat(viewModel.selectedIndexProperty().get()).isEqualTo(Navigation.Target.RUNS.ordinal());
        assertThat(viewModel.runs().selectedRunProperty().get().run().id()).isEqualTo(failed.id());

        robot.clickOn("Events over time"); // the run's chart is folded away at first, for the events table's sake
        WaitForAsyncUtils.waitForFxEvents();
        RateChart runChart = robot.lookup("#runChart").query();
        assertThat(runChart.isVisible()).isTrue();
        assertThat(viewModel.runs().runRates().stateProperty().get()).isEqualTo(RatesViewModel.State.SHOWN);
        assertThat(drawn(runChart.chart()))
                .isEqualTo(expected(seed.countsBy(ChronoUnit.MINUTES, e -> e.runId() == failed.id())));
        Screenshots.save(stage.getScene(), "runs-chart");
    }

    @Test
    void theDemoOpensOnTheChartAndARangeWithoutEventsSaysSoInsteadOfAnEmptyAxis(FxRobot robot) throws Exception {
        robot.interact(() -> viewModel.openDemo());
        ConsoleFixture.settle(viewModel);
        RateChart rateChart = robot.lookup(".overview .rate-chart").query();
        assertThat(viewModel.selectedIndexProperty().get()).isZero();
        assertThat(rateChart.chart().isVisible()).isTrue(); // 24 h: the demo's runs of the last 8 hours
        assertThat(drawn(rateChart.chart()).values().stream()
                        .flatMap(List::stream)
                        .mapToLong(Long::longValue)
                        .sum())
                .isEqualTo(8 * 200);

        // A database whose only event is three days old: nothing in the last hour.
        ChartSeed old = ChartSeed.write(dir, "old.db");
        try (dev.runstore.core.db.Database db = dev.runstore.core.db.Database.open(old.file)) {
            db.useWrite(h -> h.execute("DELETE FROM events WHERE message <> 'old'"));
        }
        robot.interact(() -> viewModel.open(old.file));
        ConsoleFixture.settle(viewModel);
        robot.clickOn("#range-hour");
        ConsoleFixture.settle(viewModel);
        assertThat(rateChart.chart().isVisible()).isFalse();
        assertThat(robot.lookup(".overview .rate-chart .chart-message")
                        .queryLabeled()
                        .getText())
                .isEqualTo("No events in the last 1 h.");
        assertThat(robot.lookup(".overview .rate-chart .chart-message")
                        .queryLabeled()
                        .isVisible())
                .isTrue();
    }
}
