package dev.runstore.core.query;

import java.util.Objects;

/**
 * One condition on one column of a browsed table. The value is always bound as a parameter.
 *
 * @param value compared as the column's type converts it; ignored by {@link Op#IS_NULL} and {@link
 *     Op#NOT_NULL}; for {@link Op#CONTAINS} the text to find, ignoring case
 */
public record Filter(String column, Op op, Object value) {
    /** How the column is compared with the value. */
    public enum Op {
        EQUALS("="),
        NOT_EQUALS("≠"),
        LESS("<"),
        GREATER(">"),
        CONTAINS("contains"),
        IS_NULL("is null"),
        NOT_NULL("is not null");

        private final String label;

        Op(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        public boolean takesValue() {
            return this != IS_NULL && this != NOT_NULL;
        }
    }

    public Filter {
        Objects.requireNonNull(column, "column");
        Objects.requireNonNull(op, "op");
    }

    public static Filter equal(String column, Object value) {
        return new Filter(column, Op.EQUALS, value);
    }
}
