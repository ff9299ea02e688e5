package dev.runstore.core.error;

import java.io.Serial;

/**
 * The database server could not be reached, or it dropped the connection (it was shut down or
 * restarted, or the network failed). Nothing that was not committed before is there; the same
 * operation may succeed once the server is back, so it is retryable, as a {@link BusyException} is.
 */
public class UnavailableException extends DbException {
    @Serial
    private static final long serialVersionUID = 1L;

    public UnavailableException(String message, Throwable cause) {
        super(ErrorCode.UNAVAILABLE, message, cause);
    }

    @Override
    public boolean isRetryable() {
        return true;
    }
}
