package dev.runstore.core.migrate;

/** A migration this program has that the database has not applied yet. */
public record PendingMigration(String version, String description) {}
