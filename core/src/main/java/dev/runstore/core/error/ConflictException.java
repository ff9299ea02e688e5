package dev.runstore.core.error;

import java.io.Serial;

/** A uniqueness rule would be broken: a row with the same key already exists. */
public class ConflictException extends DbException {
    @Serial
    private static final long serialVersionUID = 1L;

    public ConflictException(String message, Throwable cause) {
        super(ErrorCode.CONFLICT, message, cause);
    }

    public ConflictException(String message) {
        this(message, null);
    }
}
