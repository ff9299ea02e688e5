package dev.runstore.desktop.chart;

import dev.runstore.core.stats.EventRates.By;
import dev.runstore.core.stats.LevelCounts;
import dev.runstore.core.store.Level;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import javafx.util.StringConverter;

/**
 * Events per bucket stacked by level, from a {@link RatesViewModel}: one bar per bucket on a UTC
 * time axis, zeros included; hovering a bar shows the bucket's exact counts, clicking a level's part
 * of it opens those events. Instead of bars it shows the view model's message (loading, no events,
 * failed). A refresh that keeps the buckets updates the bars in place.
 *
 * <p>Not the stock StackedBarChart: its category axis labels every bucket (or rotates and drops
 * labels at random over 361 minutes), while a number axis of epoch seconds puts ticks on round
 * times. The bars are drawn by a small XYChart of its own; the series are plain XYChart series (x:
 * the bucket's start in epoch seconds, y: the count), one per level.
 */
public final class RateChart extends VBox {
    private static final Level[] LEVELS = Level.values();

    private final NumberAxis time = new NumberAxis();
    private final NumberAxis counts = new NumberAxis();
    private final BarChart chart = new BarChart(time, counts);
    private final Label message = new Label();
    private final List<XYChart.Series<Number, Number>> series = new ArrayList<>();
    private final List<Tooltip> tips = new ArrayList<>();
    private List<Instant> drawn = List.of();
    private long widthSeconds = 60;
    private RatesViewModel viewModel;

    public RateChart() {
        getStyleClass().add("rate-chart");
        time.setAutoRanging(false);
        time.setMinorTickVisible(false);
        time.setLabel("UTC");
        counts.setMinorTickVisible(false);
        counts.setForceZeroInRange(true);
        counts.setTickLabelFormatter(new StringConverter<>() {
            @Override
            public String toString(Number n) {
                // Counts are whole: a tick between two (0.5 on a small chart) is left unlabelled.
                return n.doubleValue() == Math.rint(n.doubleValue()) ? String.format("%,d", n.longValue()) : "";
            }

            @Override
            public Number fromString(String text) {
                return Long.parseLong(text.replace(",", ""));
            }
        });
        chart.setAnimated(false);
        chart.setLegendVisible(false);
        chart.setVerticalGridLinesVisible(false);
        HBox legend = new HBox(14);
        legend.getStyleClass().add("rate-legend");
        legend.setAlignment(Pos.CENTER);
        for (int l = 0; l < LEVELS.length; l++) {
            XYChart.Series<Number, Number> s = new XYChart.Series<>();
            s.setName(LEVELS[l].label());
            series.add(s);
            Region symbol = new Region();
            symbol.getStyleClass().addAll("chart-bar", "legend-symbol", "default-color" + l);
            symbol.setMinSize(10, 10);
            symbol.setPrefSize(10, 10);
            Label item = new Label(LEVELS[l].label(), symbol);
            legend.getChildren().add(item);
        }
        chart.getData().setAll(series);
        message.getStyleClass().add("chart-message");
        message.setWrapText(true);
        StackPane plot = new StackPane(chart, message);
        VBox.setVgrow(plot, Priority.ALWAYS);
        getChildren().addAll(legend, plot);
        legend.visibleProperty().bind(chart.visibleProperty());
        setMinHeight(120);
        setPrefHeight(260);
    }

    public void bind(RatesViewModel viewModel) {
        this.viewModel = viewModel;
        message.textProperty().bind(viewModel.messageProperty());
        chart.visibleProperty().bind(viewModel.stateProperty().isEqualTo(RatesViewModel.State.SHOWN));
        message.visibleProperty().bind(chart.visibleProperty().not());
        viewModel.buckets().addListener((ListChangeListener<LevelCounts>) change -> redraw());
        redraw();
    }

    /** The chart itself, for tests: one series per level, x the bucket's start in epoch seconds. */
    public XYChart<Number, Number> chart() {
        return chart;
    }

    /** The tooltip of bucket {@code index}, shared by its bars. */
    Tooltip tooltip(int index) {
        return tips.get(index);
    }

    private void redraw() {
        List<LevelCounts> now = List.copyOf(viewModel.buckets());
        By by = viewModel.byProperty().get();
        List<Instant> starts = now.stream().map(LevelCounts::start).toList();
        if (starts.equals(drawn) && !now.isEmpty()) {
            for (int i = 0; i < now.size(); i++) {
                for (int l = 0; l < LEVELS.length; l++) {
                    series.get(l).getData().get(i).setYValue(count(now.get(i), LEVELS[l]));
                }
                tips.get(i).setText(ChartText.tooltip(now.get(i), by));
            }
            chart.requestLayout();
            return;
        }
        drawn = starts;
        widthSeconds = by.unit().getDuration().getSeconds();
        tips.clear();
        List<List<XYChart.Data<Number, Number>>> data = new ArrayList<>();
        for (int l = 0; l < LEVELS.length; l++) {
            data.add(new ArrayList<>(now.size()));
        }
        for (LevelCounts bucket : now) {
            Tooltip tip = new Tooltip(ChartText.tooltip(bucket, by));
            tip.setShowDelay(Duration.millis(150));
            tip.setShowDuration(Duration.seconds(30));
            tips.add(tip);
            for (int l = 0; l < LEVELS.length; l++) {
                XYChart.Data<Number, Number> point =
                        new XYChart.Data<>(bucket.start().getEpochSecond(), count(bucket, LEVELS[l]));
                point.setExtraValue(new Bar(tips.size() - 1, LEVELS[l]));
                data.get(l).add(point);
            }
        }
        if (!now.isEmpty()) {
            long from = now.get(0).start().getEpochSecond();
            long to = now.get(now.size() - 1).start().getEpochSecond() + widthSeconds;
            long step = ChartText.tickSeconds(by, now.size());
            // Ticks fall on round times: the axis starts at one, a little before the first bucket.
            time.setLowerBound(Math.floorDiv(from, step) * step);
            time.setUpperBound(Math.max(to, time.getLowerBound() + step));
            time.setTickUnit(step);
            time.setTickLabelFormatter(ChartText.timeTicks(by));
        }
        for (int l = 0; l < LEVELS.length; l++) {
            series.get(l).getData().setAll(data.get(l));
        }
    }

    private static long count(LevelCounts bucket, Level level) {
        return switch (level) {
            case DEBUG -> bucket.debug();
            case INFO -> bucket.info();
            case WARNING -> bucket.warning();
            case ERROR -> bucket.error();
        };
    }

    /** What a bar stands for: its bucket's index and its level. */
    record Bar(int bucket, Level level) {}

    /** Bars stacked by level over a time axis: series l holds level l's counts, bucket by bucket. */
    private final class BarChart extends XYChart<Number, Number> {
        BarChart(NumberAxis x, NumberAxis y) {
            super(x, y);
            setData(FXCollections.observableArrayList());
        }

        private Region bar(Series<Number, Number> series, Data<Number, Number> item) {
            Bar what = (Bar) item.getExtraValue();
            Region bar = new Region();
            bar.getStyleClass().addAll("chart-bar", "default-color" + getData().indexOf(series));
            Tooltip.install(bar, tips.get(what.bucket()));
            bar.setOnMouseClicked(e -> viewModel.open(viewModel.buckets().get(what.bucket()), what.level()));
            item.setNode(bar);
            return bar;
        }

        @Override
        protected void dataItemAdded(Series<Number, Number> series, int itemIndex, Data<Number, Number> item) {
            getPlotChildren().add(bar(series, item));
        }

        @Override
        protected void dataItemRemoved(Data<Number, Number> item, Series<Number, Number> series) {
            getPlotChildren().remove(item.getNode());
            removeDataItemFromDisplay(series, item);
        }

        @Override
        protected void dataItemChanged(Data<Number, Number> item) {}

        @Override
        protected void seriesAdded(Series<Number, Number> series, int seriesIndex) {
            for (Data<Number, Number> item : series.getData()) {
                getPlotChildren().add(bar(series, item));
            }
        }

        @Override
        protected void seriesRemoved(Series<Number, Number> series) {
            for (Data<Number, Number> item : series.getData()) {
                getPlotChildren().remove(item.getNode());
            }
            removeSeriesFromDisplay(series);
        }

        @Override
        protected void updateAxisRange() {
            // The stock range is of each count alone; stacked, the axis must reach the largest total.
            if (getYAxis().isAutoRanging()) {
                double max = 0;
                for (int i = 0; i < drawn.size(); i++) {
                    max = Math.max(max, total(i));
                }
                getYAxis().invalidateRange(List.of(0, Math.max(1, max)));
            }
        }

        private double total(int bucket) {
            double sum = 0;
            for (Series<Number, Number> s : getData()) {
                if (bucket < s.getData().size()) {
                    sum += s.getData().get(bucket).getYValue().doubleValue();
                }
            }
            return sum;
        }

        @Override
        protected void layoutPlotChildren() {
            if (getData().isEmpty()) {
                return;
            }
            int n = getData().get(0).getData().size();
            for (int i = 0; i < n; i++) {
                double start = getData().get(0).getData().get(i).getXValue().doubleValue();
                double x0 = getXAxis().getDisplayPosition(start);
                double x1 = getXAxis().getDisplayPosition(start + widthSeconds);
                double width = x1 - x0;
                double gap = width > 8 ? Math.min(6, width * 0.2) : width > 3 ? 1 : 0;
                double base = 0;
                for (Series<Number, Number> s : getData()) {
                    Data<Number, Number> item = s.getData().get(i);
                    double count = item.getYValue().doubleValue();
                    double y0 = getYAxis().getDisplayPosition(base);
                    double y1 = getYAxis().getDisplayPosition(base + count);
                    if (item.getNode() != null) {
                        item.getNode().setVisible(count > 0);
                        item.getNode().resizeRelocate(x0 + gap / 2, y1, Math.max(1, width - gap), y0 - y1);
                    }
                    base += count;
                }
            }
        }
    }
}
