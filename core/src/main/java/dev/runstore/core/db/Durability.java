package dev.runstore.core.db;

/**
 * What an acknowledged commit survives; see docs/hardening.md ("Durability") for what each costs.
 *
 * <p>On SQLite (always in WAL mode) this is {@code PRAGMA synchronous}. On PostgreSQL both mean
 * the same, since runstore never turns {@code synchronous_commit} off; {@link #FULL} also sets it
 * on for each session, so a server or role that turned it off cannot weaken the promise.
 */
public enum Durability {
    /**
     * Survives a crash of the process; an OS crash or power loss may roll back the last commits (the
     * database stays consistent). No fsync per commit.
     */
    NORMAL,

    /** Survives a crash of the process, of the OS and a power loss: one fsync of the WAL per commit. */
    FULL
}
