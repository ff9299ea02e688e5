package dev.runstore.core.store;

/**
 * Text columns hold UTF-8, which cannot encode a lone UTF-16 surrogate: the driver would store it
 * as '?' and the stored event would differ from the one written (a second, identical append would
 * then conflict with it). So such text is refused before anything is written.
 */
final class WellFormedText {
    private WellFormedText() {}

    static String require(String field, String value) {
        if (value == null) {
            return null;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c)
                    && i + 1 < value.length()
                    && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new IllegalArgumentException(field + " has an unpaired surrogate (U+"
                        + Integer.toHexString(c).toUpperCase() + ") at index " + i
                        + ", which is not Unicode text and cannot be stored as UTF-8; fix the text");
            }
        }
        return value;
    }
}
