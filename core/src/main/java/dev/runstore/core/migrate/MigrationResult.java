package dev.runstore.core.migrate;

import java.util.List;

/**
 * What {@link Migrator#migrate} did.
 *
 * @param applied the versions applied by this call, in order (empty when already up to date)
 * @param currentVersion the database's version afterwards, or null when it has none
 */
public record MigrationResult(List<String> applied, String currentVersion) {
    public MigrationResult {
        applied = List.copyOf(applied);
    }
}
