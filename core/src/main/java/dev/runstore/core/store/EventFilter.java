package dev.runstore.core.store;

import java.util.Locale;
import java.util.Objects;

/**
 * Which of a run's events a page and its count take: at or above {@code minLevel} and, when {@code
 * search} is not blank, those whose message or kind contains it (case-insensitive, matched in the
 * database over the whole run, bound as a parameter). SQLite's lower() folds ASCII letters only, so
 * a search for a non-ASCII capital matches only the same case there.
 */
public record EventFilter(Level minLevel, String search) {
    /** Every event of the run. */
    public static final EventFilter ALL = new EventFilter(Level.DEBUG, "");

    public EventFilter {
        minLevel = Objects.requireNonNullElse(minLevel, Level.DEBUG);
        search = search == null ? "" : search.strip();
    }

    /** Whether no event is left out, so the run's own count is also the count of matches. */
    public boolean isAll() {
        return minLevel == Level.DEBUG && search.isEmpty();
    }

    boolean hasSearch() {
        return !search.isEmpty();
    }

    /** The LIKE pattern for the search: lower-cased, with %, _ and the escape character escaped. */
    String likePattern() {
        String escape = String.valueOf(ListingQueries.LIKE_ESCAPE);
        String needle = search.toLowerCase(Locale.ROOT)
                .replace(escape, escape + escape)
                .replace("%", escape + "%")
                .replace("_", escape + "_");
        return "%" + needle + "%";
    }
}
