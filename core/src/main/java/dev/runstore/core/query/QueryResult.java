package dev.runstore.core.query;

import java.time.Duration;
import java.util.List;

/**
 * One page of a query's rows.
 *
 * @param columns the result's column names, in the statement's order (names may repeat)
 * @param rows each row's values in column order: {@code Long}, {@code Double}, {@code String},
 *     {@code byte[]} or {@code null}, as the engine stored them
 * @param more whether the statement had at least one row after this page
 * @param elapsed how long guarding, running and reading the page took
 */
public record QueryResult(List<String> columns, List<List<Object>> rows, boolean more, Duration elapsed) {
    public QueryResult {
        columns = List.copyOf(columns);
        rows = List.copyOf(rows);
    }
}
