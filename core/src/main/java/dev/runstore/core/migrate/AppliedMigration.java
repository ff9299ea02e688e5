package dev.runstore.core.migrate;

import java.time.Instant;

/** A row of the database's migration history. {@code installedOn} is UTC. */
public record AppliedMigration(String version, String description, Instant installedOn, boolean success) {}
