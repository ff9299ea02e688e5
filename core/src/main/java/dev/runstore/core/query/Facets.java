package dev.runstore.core.query;

import dev.runstore.core.catalog.Catalog;
import dev.runstore.core.db.Database;
import java.util.ArrayList;
import java.util.List;

/**
 * Facets as Datasette shows them: a column's most common values with their counts, in bounded time
 * — at most {@code sample} rows are read, the first in the browsed order (the newest events, when
 * they are browsed newest first), so a facet over ten million events costs what one over a hundred
 * thousand does, and says when it is a sample.
 */
public final class Facets {
    /** Rows read at most for one facet. */
    public static final long DEFAULT_SAMPLE = 100_000;

    private Facets() {}

    public static Facet of(Database db, RowQuery query, String column, int top, long sample) {
        BrowseSql sql = new BrowseSql(db.engine(), Catalog.structure(db, query.table()), query);
        String quoted = sql.quotedColumn(column);
        List<Object> args = new ArrayList<>();
        String sampled = sql.matchingInOrder(quoted + " AS v", args) + " LIMIT ?";
        args.add(sample + 1); // one more than the sample tells a table of exactly that size from a bigger one
        String select = "SELECT v, count(*) AS n, sum(count(*)) OVER () AS total FROM (" + sampled
                + ") AS s GROUP BY v ORDER BY n DESC, v LIMIT ?";
        args.add((long) top);
        return db.read(h -> Statements.query(h, select, args, Cancellation.none(), rows -> {
            List<Facet.Value> values = new ArrayList<>();
            long scanned = 0;
            while (rows.next()) {
                values.add(new Facet.Value(Cells.read(rows, 1), rows.getLong(2)));
                scanned = rows.getLong(3);
            }
            String name = sql.columns().stream()
                    .filter(c -> c.equalsIgnoreCase(column))
                    .findFirst()
                    .orElse(column);
            boolean complete = scanned <= sample;
            return new Facet(name, values, complete ? scanned : sample + 1, complete);
        }));
    }
}
