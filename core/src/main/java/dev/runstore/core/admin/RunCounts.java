package dev.runstore.core.admin;

import java.util.Map;

/**
 * Event counts of listed runs as of one moment: through event id {@code throughEvent} and run id
 * {@code throughRun}. A later listing adds only the events written since ({@link
 * Listings#recentRuns(dev.runstore.core.db.Database, java.util.Optional, int, RunCounts)}).
 */
public record RunCounts(Map<Long, Long> byRun, long throughEvent, long throughRun) {
    /** No counts yet: the listing counts every run's events. */
    public static final RunCounts NONE = new RunCounts(Map.of(), -1, -1);

    public RunCounts {
        byRun = Map.copyOf(byRun);
    }
}
