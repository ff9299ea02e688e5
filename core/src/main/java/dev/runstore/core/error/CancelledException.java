package dev.runstore.core.error;

import java.io.Serial;

/** A read was cancelled while it ran (the console's Cancel, an interrupt); nothing was changed. */
public class CancelledException extends DbException {
    @Serial
    private static final long serialVersionUID = 1L;

    public CancelledException(String message, Throwable cause) {
        super(ErrorCode.CANCELLED, message, cause);
    }
}
