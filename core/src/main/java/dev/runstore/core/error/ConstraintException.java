package dev.runstore.core.error;

import java.io.Serial;

/** A foreign key, NOT NULL or CHECK constraint would be broken; nothing was written. */
public class ConstraintException extends DbException {
    @Serial
    private static final long serialVersionUID = 1L;

    public ConstraintException(String message, Throwable cause) {
        super(ErrorCode.CONSTRAINT, message, cause);
    }

    public ConstraintException(String message) {
        this(message, null);
    }
}
