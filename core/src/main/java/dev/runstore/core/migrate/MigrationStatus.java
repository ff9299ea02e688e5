package dev.runstore.core.migrate;

import java.util.List;

/**
 * Where a database's schema stands against this program's migrations.
 *
 * @param currentVersion the newest applied version, or null for an unmigrated database
 * @param latestVersion the newest version this program has
 * @param pending migrations this program would apply
 * @param applied the database's migration history, oldest first
 * @param upToDate true when nothing is pending and there are no problems
 * @param environment development, test or production, or null before the first migration
 * @param problems checksum mismatches, failed migrations and migrations newer than this program,
 *     one readable sentence each
 * @param newerThanProgram the database has migrations this program does not know: it was migrated
 *     by a newer runstore, and what this program shows of it may be incomplete
 */
public record MigrationStatus(
        String currentVersion,
        String latestVersion,
        List<PendingMigration> pending,
        List<AppliedMigration> applied,
        boolean upToDate,
        String environment,
        List<String> problems,
        boolean newerThanProgram) {
    public MigrationStatus {
        pending = List.copyOf(pending);
        applied = List.copyOf(applied);
        problems = List.copyOf(problems);
    }
}
