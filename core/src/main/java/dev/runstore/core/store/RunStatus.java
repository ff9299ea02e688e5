package dev.runstore.core.store;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Where a run is in its life; stored as lower-case TEXT with a CHECK constraint. */
public enum RunStatus {
    RUNNING,
    SUCCEEDED,
    FAILED,
    CANCELLED;

    /** The stored, lower-case form. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses the stored form (case-insensitive); anything else fails naming the allowed values. */
    public static RunStatus parse(String text) {
        for (RunStatus status : values()) {
            if (status.label().equalsIgnoreCase(text == null ? "" : text.strip())) {
                return status;
            }
        }
        throw new IllegalArgumentException("run status \"" + text + "\" is not one of "
                + Arrays.stream(values()).map(RunStatus::label).collect(Collectors.joining(", ")));
    }
}
