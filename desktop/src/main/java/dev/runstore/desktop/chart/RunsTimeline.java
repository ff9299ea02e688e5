package dev.runstore.desktop.chart;

import dev.runstore.core.store.Run;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.LongConsumer;
import javafx.collections.FXCollections;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.util.Duration;
import javafx.util.StringConverter;

/**
 * Recent runs as bars from start to finish on a UTC time axis, newest on top, coloured by status;
 * a running run's bar ends at the moment of the last refresh, so it grows with each one. Hovering
 * a bar tells its times, clicking it opens the run. No stock JavaFX chart draws a span (a bar
 * chart's bars start at zero), so this is a small XYChart of its own over the stock axes.
 */
public final class RunsTimeline extends StackPane {
    private final NumberAxis time = new NumberAxis();
    private final CategoryAxis names = new CategoryAxis();
    private final SpanChart chart = new SpanChart(time, names);
    private final Label message = new Label("No runs yet.");
    private LongConsumer onRun = id -> {};

    public RunsTimeline() {
        getStyleClass().add("runs-timeline");
        time.setAutoRanging(false); // round times, set with the runs
        time.setMinorTickVisible(false);
        time.setLabel("UTC");
        time.setTickLabelFormatter(new StringConverter<>() {
            @Override
            public String toString(Number seconds) {
                return ChartText.tick(seconds);
            }

            @Override
            public Number fromString(String text) {
                throw new UnsupportedOperationException("the time axis is not edited");
            }
        });
        names.setTickMarkVisible(false);
        chart.setAnimated(false);
        chart.setLegendVisible(false);
        chart.setHorizontalGridLinesVisible(false);
        message.getStyleClass().add("chart-message");
        message.setVisible(false);
        getChildren().addAll(chart, message);
        setMinHeight(160);
    }

    /** Shows {@code runs} (any order); running ones end at {@code now}. */
    public void setRuns(List<Run> runs, Instant now) {
        List<Run> oldestFirst = new ArrayList<>(runs);
        oldestFirst.sort(java.util.Comparator.comparing(Run::startedAt).thenComparing(Run::id));
        Set<String> seen = new HashSet<>();
        XYChart.Series<Number, String> bars = new XYChart.Series<>();
        for (Run run : oldestFirst) {
            // A category per run: names need not be unique, so a repeated one carries its id.
            String name = seen.add(run.name()) ? run.name() : run.name() + " (#" + run.id() + ")";
            Instant end = run.finishedAt() == null ? now : run.finishedAt();
            XYChart.Data<Number, String> bar =
                    new XYChart.Data<>(run.startedAt().getEpochSecond(), name);
            bar.setExtraValue(new Span(run, end.getEpochSecond(), ChartText.runTooltip(run, now)));
            bars.getData().add(bar);
        }
        if (!oldestFirst.isEmpty()) {
            long from = oldestFirst.get(0).startedAt().getEpochSecond();
            long to = bars.getData().stream()
                    .mapToLong(b -> ((Span) b.getExtraValue()).endSeconds())
                    .max()
                    .orElse(from);
            java.time.Duration span = java.time.Duration.ofSeconds(Math.max(60, to - from));
            var by = dev.runstore.core.stats.ChartRange.byForSpan(span);
            long step = ChartText.tickSeconds(
                    by, (int) (span.getSeconds() / by.unit().getDuration().getSeconds()));
            time.setLowerBound(Math.floorDiv(from, step) * step);
            time.setUpperBound(-Math.floorDiv(-to, step) * step);
            time.setTickUnit(step);
        }
        chart.getData().setAll(List.of(bars));
        message.setVisible(runs.isEmpty());
        chart.setVisible(!runs.isEmpty());
        setPrefHeight(Math.max(150, 60 + 22.0 * runs.size()));
    }

    /** Called with a run's id when its bar is clicked. */
    public void setOnRunClicked(LongConsumer onRun) {
        this.onRun = onRun == null ? id -> {} : onRun;
    }

    /** The chart itself, for tests that read its bars. */
    public XYChart<Number, String> chart() {
        return chart;
    }

    /** What a bar stands for: the run, where it ends (epoch seconds) and its tooltip. */
    public record Span(Run run, long endSeconds, String tooltip) {}

    /** Bars from each run's start to its end, one row per run. */
    private final class SpanChart extends XYChart<Number, String> {
        SpanChart(NumberAxis x, CategoryAxis y) {
            super(x, y);
            setData(FXCollections.observableArrayList());
        }

        private Region bar(Data<Number, String> item) {
            Span span = (Span) item.getExtraValue();
            Region bar = new Region();
            bar.getStyleClass().addAll("run-bar", "run-" + span.run().status().label());
            Tooltip tip = new Tooltip(span.tooltip());
            tip.setShowDelay(Duration.millis(150));
            Tooltip.install(bar, tip);
            bar.setOnMouseClicked(e -> onRun.accept(span.run().id()));
            item.setNode(bar);
            return bar;
        }

        @Override
        protected void dataItemAdded(Series<Number, String> series, int itemIndex, Data<Number, String> item) {
            getPlotChildren().add(bar(item));
        }

        @Override
        protected void dataItemRemoved(Data<Number, String> item, Series<Number, String> series) {
            getPlotChildren().remove(item.getNode());
            removeDataItemFromDisplay(series, item);
        }

        @Override
        protected void dataItemChanged(Data<Number, String> item) {}

        @Override
        protected void seriesAdded(Series<Number, String> series, int seriesIndex) {
            for (Data<Number, String> item : series.getData()) {
                getPlotChildren().add(bar(item));
            }
        }

        @Override
        protected void seriesRemoved(Series<Number, String> series) {
            for (Data<Number, String> item : series.getData()) {
                getPlotChildren().remove(item.getNode());
            }
            removeSeriesFromDisplay(series);
        }

        @Override
        protected void updateAxisRange() {
            // The time axis is set with the runs, to reach each bar's end (the stock range covers
            // starts only); the names axis lists the runs in their order.
            if (getYAxis().isAutoRanging()) {
                List<String> names = new ArrayList<>();
                getData().forEach(s -> s.getData().forEach(d -> names.add(d.getYValue())));
                getYAxis().invalidateRange(names);
            }
        }

        @Override
        protected void layoutPlotChildren() {
            double height = Math.max(4, Math.min(18, names.getCategorySpacing() * 0.6));
            for (Series<Number, String> series : getData()) {
                for (Data<Number, String> item : series.getData()) {
                    Span span = (Span) item.getExtraValue();
                    double x0 = getXAxis().getDisplayPosition(item.getXValue());
                    double x1 = getXAxis().getDisplayPosition(span.endSeconds());
                    double y = getYAxis().getDisplayPosition(item.getYValue());
                    if (item.getNode() != null && !Double.isNaN(y)) {
                        item.getNode().resizeRelocate(x0, y - height / 2, Math.max(3, x1 - x0), height);
                    }
                }
            }
        }
    }
}
