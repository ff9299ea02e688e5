package dev.runstore.desktop.data;

import dev.runstore.core.admin.CheckReport;
import dev.runstore.core.admin.RunSummary;
import dev.runstore.core.migrate.MigrationStatus;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the console shows for one database at one moment, loaded in one background task.
 *
 * @param sizes bytes per table, when SQLite's dbstat is available
 * @param resetRefusal why the dev reset is disabled, or null when it is allowed
 */
public record Snapshot(
        Path path,
        MigrationStatus status,
        Map<String, Long> counts,
        Optional<Map<String, Long>> sizes,
        List<RunSummary> runs,
        CheckReport checks,
        String resetRefusal) {}
