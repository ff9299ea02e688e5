package dev.runstore.core.error;

import java.io.Serial;

/** The file cannot be used as this runstore database: it is not a database, it is corrupt, it is read-only (or was opened read-only) and a write was attempted, or its schema is newer than this program. */
public class IncompatibleDatabaseException extends DbException {
    @Serial
    private static final long serialVersionUID = 1L;

    public IncompatibleDatabaseException(String message, Throwable cause) {
        super(ErrorCode.INCOMPATIBLE, message, cause);
    }

    public IncompatibleDatabaseException(String message) {
        this(message, null);
    }
}
