package dev.runstore.core.error;

/**
 * What kind of failure a {@link DbException} reports. Callers branch on this instead of on message
 * text; the CLI maps each family to its own exit code.
 */
public enum ErrorCode {
    /** A row, run or database file that was asked for does not exist. */
    NOT_FOUND,
    /** A uniqueness rule would be broken (duplicate key). */
    CONFLICT,
    /** A foreign key, NOT NULL or CHECK constraint would be broken. */
    CONSTRAINT,
    /** The database lock stayed taken past the busy timeout; retrying later may succeed. */
    BUSY,
    /** The file is not a usable runstore database: not a database, corrupt, read-only, too new. */
    INCOMPATIBLE,
    /** Input data (an ingested line, a JSON document) is invalid; nothing of it was written. */
    INVALID_INPUT,
    /** A guarded operation (the dev reset) was refused by its gate; nothing was changed. */
    REFUSED,
    /** The database server could not be reached or dropped the connection; retrying later may succeed. */
    UNAVAILABLE,
    /** The database server refused the login (password, role, pg_hba.conf). */
    ACCESS_DENIED,
    /** A running read was cancelled on request; nothing was changed. */
    CANCELLED,
    /** The configuration passed to runstore is invalid. */
    INVALID_CONFIG,
    /** The {@code Database} was already closed. */
    CLOSED,
    /** Any other database failure; the cause carries the driver's detail. */
    FAILED
}
