package dev.runstore.core.error;

import java.io.Serial;

/** A guarded operation was refused by its gate (the dev reset without RUNSTORE_ALLOW_RESET=1, on a production database, or unconfirmed). Nothing was changed. */
public class OperationRefusedException extends DbException {
    @Serial
    private static final long serialVersionUID = 1L;

    public OperationRefusedException(String message, Throwable cause) {
        super(ErrorCode.REFUSED, message, cause);
    }

    public OperationRefusedException(String message) {
        this(message, null);
    }
}
