package dev.runstore.core.db;

/** How a {@link Database} may touch its file. */
public enum AccessMode {
    /** Creates the file if missing; one writer connection plus read-only readers. */
    READ_WRITE,
    /**
     * For inspection tools: never creates, migrates or writes the file (it is opened with SQLite's
     * read-only flag), so it cannot disturb the processes that write it.
     */
    READ_ONLY
}
