package dev.runstore.core.query;

import java.util.List;

/**
 * The most common values of one column among the matching rows.
 *
 * @param scanned how many matching rows were counted
 * @param complete true when every row of the table was looked at; false when only the newest of a
 *     huge table were, so the counts describe a sample
 */
public record Facet(String column, List<Value> values, long scanned, boolean complete) {
    public Facet {
        values = List.copyOf(values);
    }

    /** One value and how many of the scanned rows hold it; {@code value} may be null. */
    public record Value(Object value, long count) {}
}
