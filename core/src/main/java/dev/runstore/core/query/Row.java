package dev.runstore.core.query;

import java.util.Collections;
import java.util.List;

/**
 * One row as read: its column values, and the values that place it in its page's order (the
 * sort column and the key, or its position for tables paged by position), used to fetch the pages
 * before and after it.
 *
 * @param values Long, Double, String, byte[], {@link MalformedText}, null, or the driver's own types
 *     on PostgreSQL (BigDecimal, Timestamp, …), in column order
 */
public record Row(List<Object> values, List<Object> position) {
    public Row {
        // Unmodifiable but null-friendly: a NULL column is a null element.
        values = Collections.unmodifiableList(values);
        position = Collections.unmodifiableList(position);
    }
}
