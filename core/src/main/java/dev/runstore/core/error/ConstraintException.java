package dev.runstore.core.error;

import java.io.Serial;

/**
 * A foreign key, NOT NULL or CHECK constraint would be broken. Nothing was written; the value must
 * change before a retry can succeed.
 */
public class ConstraintException extends DbException {
    @Serial
    private static final long serialVersionUID = 1L;

    /** Which kind of rule failed. */
    public enum Kind {
        FOREIGN_KEY,
        NOT_NULL,
        CHECK,
        OTHER
    }

    private final Kind kind;
    private final String constraint;

    /**
     * @param kind which kind of rule failed
     * @param constraint the column ({@code table.column}) or constraint name the driver reported,
     *     or "" when it did not say
     */
    public ConstraintException(Kind kind, String constraint, String message, Throwable cause) {
        super(ErrorCode.CONSTRAINT, message, cause);
        this.kind = kind;
        this.constraint = constraint;
    }

    public Kind kind() {
        return kind;
    }

    /** The column ({@code table.column}) or constraint name, or "" when unknown. */
    public String constraint() {
        return constraint;
    }
}
