package dev.runstore.core.admin;

import java.util.List;

/** Recent runs with their event counts, and those counts to continue from at the next listing. */
public record RunListing(List<RunSummary> runs, RunCounts counts) {
    public RunListing {
        runs = List.copyOf(runs);
    }
}
