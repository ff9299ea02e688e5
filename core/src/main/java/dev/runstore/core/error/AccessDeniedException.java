package dev.runstore.core.error;

import java.io.Serial;

/**
 * The database server refused the login: a wrong password, an unknown role, or no
 * {@code pg_hba.conf} rule that lets this user in from here. Retrying with the same credentials
 * fails the same way.
 */
public class AccessDeniedException extends DbException {
    @Serial
    private static final long serialVersionUID = 1L;

    public AccessDeniedException(String message, Throwable cause) {
        super(ErrorCode.ACCESS_DENIED, message, cause);
    }
}
