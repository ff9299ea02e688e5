package dev.runstore.desktop.data;

import java.util.Map;
import java.util.Optional;

/**
 * The Tables panel's numbers, read together.
 *
 * @param sizes bytes per table, when SQLite's dbstat is available
 */
public record TableStats(Map<String, Long> counts, Optional<Map<String, Long>> sizes) {}
