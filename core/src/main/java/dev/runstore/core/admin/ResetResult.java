package dev.runstore.core.admin;

import dev.runstore.core.migrate.MigrationResult;
import java.nio.file.Path;

/**
 * A finished dev reset.
 *
 * @param backup the backup written before anything was dropped; null on PostgreSQL (use pg_dump)
 * @param environment the environment marker, kept across the reset
 * @param migration the migrations applied to the emptied database
 */
public record ResetResult(Path backup, String environment, MigrationResult migration) {}
