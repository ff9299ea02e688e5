package dev.runstore.core.error;

import java.io.Serial;

/** A row, run or file that was asked for does not exist. */
public class NotFoundException extends DbException {
    @Serial
    private static final long serialVersionUID = 1L;

    public NotFoundException(String message, Throwable cause) {
        super(ErrorCode.NOT_FOUND, message, cause);
    }

    public NotFoundException(String message) {
        this(message, null);
    }
}
