/**
 * Series of what ingesters did, for charts and for {@code runstore stats}: events per minute, hour
 * or day by level, of every run (over the (level, ts) index) or of one run (over its (run_id, ts)
 * range), bucketed by SQL; the chart ranges with their bucket widths ({@code ChartRange}); and
 * series that a live refresh continues from their last bucket ({@code RateSeries}).
 */
package dev.runstore.core.stats;
