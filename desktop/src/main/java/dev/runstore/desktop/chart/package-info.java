/**
 * The console's charts, on JavaFX's own {@code javafx.scene.chart}: events per bucket stacked by
 * level ({@link dev.runstore.desktop.chart.RateChart}, a StackedBarChart: a bar is one bucket, so a
 * click names one level in one time range), and recent runs as bars from start to finish
 * ({@link dev.runstore.desktop.chart.RunsTimeline}, a small XYChart of its own: no stock chart
 * draws a span). {@link dev.runstore.desktop.chart.RatesViewModel} loads and continues a series
 * through the session, off the FX thread, and is tested without a toolkit.
 */
package dev.runstore.desktop.chart;
