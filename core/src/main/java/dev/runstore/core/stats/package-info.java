/**
 * Series of what ingesters did, for charts and for {@code runstore stats}: events per minute, hour
 * or day by level, bucketed by SQL over the (level, ts) index.
 */
package dev.runstore.core.stats;
