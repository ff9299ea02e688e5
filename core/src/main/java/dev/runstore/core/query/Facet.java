package dev.runstore.core.query;

import java.util.List;

/**
 * The most common values of one column among the matching rows.
 *
 * @param scanned how many rows were looked at
 * @param complete true when those were all the matching rows; false when only the first {@code
 *     scanned} were (a huge table), so the counts describe a sample
 */
public record Facet(String column, List<Value> values, long scanned, boolean complete) {
    public Facet {
        values = List.copyOf(values);
    }

    /** One value and how many of the scanned rows hold it; {@code value} may be null. */
    public record Value(Object value, long count) {}
}
