package dev.runstore.core.error;

import java.io.Serial;

/** Input data is invalid — an ingested line, a JSON document, an event — and was not written. The message names where (a line number) and what is wrong. */
public class InvalidInputException extends DbException {
    @Serial
    private static final long serialVersionUID = 1L;

    public InvalidInputException(String message, Throwable cause) {
        super(ErrorCode.INVALID_INPUT, message, cause);
    }

    public InvalidInputException(String message) {
        this(message, null);
    }
}
