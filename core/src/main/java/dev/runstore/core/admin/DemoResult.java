package dev.runstore.core.admin;

import java.util.List;

/** What {@link Demo#fill} wrote: the runs' names and the number of events. */
public record DemoResult(List<String> runs, long events) {
    public DemoResult {
        runs = List.copyOf(runs);
    }
}
