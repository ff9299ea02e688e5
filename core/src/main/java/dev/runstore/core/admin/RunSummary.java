package dev.runstore.core.admin;

import dev.runstore.core.store.Run;

/** A run with the number of its events, as the listings show it. */
public record RunSummary(Run run, long eventCount) {}
