package dev.runstore.core.migrate;

import java.util.Locale;

/**
 * What a database is for, recorded in {@code runstore_meta} when it is first migrated. Destructive
 * admin operations (the dev reset) refuse {@link #PRODUCTION} databases, like Rails' protected
 * environments.
 */
public enum Environment {
    DEVELOPMENT,
    TEST,
    PRODUCTION;

    /** The environment variable read when a database is first migrated. */
    public static final String VARIABLE = "RUNSTORE_ENV";

    /** {@code RUNSTORE_ENV}, or development when it is unset or blank. */
    public static Environment fromSystemEnvironment() {
        return parse(System.getenv(VARIABLE));
    }

    /** Parses the value of {@code RUNSTORE_ENV}; blank means development. */
    public static Environment parse(String value) {
        if (value == null || value.isBlank()) {
            return DEVELOPMENT;
        }
        for (Environment e : values()) {
            if (e.label().equals(value.strip().toLowerCase(Locale.ROOT))) {
                return e;
            }
        }
        throw new IllegalArgumentException(
                VARIABLE + " must be development, test or production (was \"" + value + "\")");
    }

    /** The lower-case name stored in the database. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
