package dev.runstore.core.error;

import java.io.Serial;
import java.util.Objects;

/**
 * The root of every failure runstore-core reports. Unchecked, like Jdbi's exceptions, because a
 * caller can rarely recover from a database failure where it happens; the ones it can act on are
 * subclasses with a specific {@link ErrorCode}.
 *
 * <p>Messages are one readable sentence followed by what to do. They never contain JSON payloads or
 * run params, so they are safe to log.
 */
public class DbException extends RuntimeException {
    @Serial
    private static final long serialVersionUID = 1L;

    private final ErrorCode code;

    public DbException(ErrorCode code, String message, Throwable cause) {
        super(message, cause);
        this.code = Objects.requireNonNull(code, "code");
    }

    public DbException(ErrorCode code, String message) {
        this(code, message, null);
    }

    /** The kind of failure. */
    public ErrorCode code() {
        return code;
    }

    /** Whether the same operation may succeed if it is simply tried again later. */
    public boolean isRetryable() {
        return false;
    }
}
