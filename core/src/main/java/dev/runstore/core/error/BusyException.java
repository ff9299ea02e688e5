package dev.runstore.core.error;

import java.io.Serial;

/**
 * The database lock stayed taken longer than the busy timeout, by another process or by a long
 * transaction in this one. Nothing was written; the same operation may succeed when retried.
 */
public class BusyException extends DbException {
    @Serial
    private static final long serialVersionUID = 1L;

    public BusyException(String message, Throwable cause) {
        super(ErrorCode.BUSY, message, cause);
    }

    public BusyException(String message) {
        this(message, null);
    }

    @Override
    public boolean isRetryable() {
        return true;
    }
}
