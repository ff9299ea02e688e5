package dev.runstore.core.error;

/** How values appear in error messages: quoted, and elided past 100 characters. */
public final class Values {
    static final int MAX_LENGTH = 100;

    private Values() {}

    /** {@code value} as messages show it: strings in double quotes, elided past 100 characters. */
    public static String quote(Object value) {
        if (value == null) {
            return "null";
        }
        String text = String.valueOf(value);
        if (text.codePointCount(0, text.length()) > MAX_LENGTH) {
            text = text.substring(0, text.offsetByCodePoints(0, MAX_LENGTH)) + "…";
        }
        return value instanceof Number || value instanceof Boolean ? text : "\"" + text + "\"";
    }
}
