package dev.runstore.core.db;

/**
 * What an acknowledged commit survives; see docs/hardening.md ("Durability") for what each costs.
 *
 * <p>On SQLite (always in WAL mode) this is {@code PRAGMA synchronous}. On PostgreSQL both mean
 * the same on a server that keeps its default {@code synchronous_commit = on} (a commit returns once
 * its WAL is flushed), which runstore never turns off; {@link #FULL} also turns it back on for each
 * writing session where a server, database or role turned it off, and NORMAL leaves it as it is.
 */
public enum Durability {
    /**
     * Survives a crash of the process; on SQLite an OS crash or power loss may roll back the last
     * commits (the database stays consistent). No fsync per commit.
     */
    NORMAL,

    /** Survives a crash of the process, of the OS and a power loss: one fsync of the WAL per commit. */
    FULL
}
