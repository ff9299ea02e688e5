package dev.runstore.core.db;

/** SQL identifiers from the catalog, quoted so any name (spaces, quotes, keywords) is safe. */
public final class Identifiers {
    private Identifiers() {}

    /** {@code identifier} as a double-quoted SQL identifier, inner quotes doubled. */
    public static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }
}
