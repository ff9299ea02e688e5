package dev.runstore.core.store;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** An event's severity, ordered; stored as lower-case TEXT with a CHECK constraint. */
public enum Level {
    DEBUG,
    INFO,
    WARNING,
    ERROR;

    /** The stored, lower-case form. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** This level and every level above it, lowest first: WARNING gives [WARNING, ERROR]. */
    public List<Level> andAbove() {
        return Arrays.stream(values()).filter(l -> l.compareTo(this) >= 0).toList();
    }

    /** Parses the stored form (case-insensitive; "warn" is accepted for warning). */
    public static Level parse(String text) {
        String t = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        if (t.equals("warn")) {
            return WARNING;
        }
        for (Level level : values()) {
            if (level.label().equals(t)) {
                return level;
            }
        }
        throw new IllegalArgumentException("level \"" + text + "\" is not one of "
                + Arrays.stream(values()).map(Level::label).collect(Collectors.joining(", ")));
    }
}
