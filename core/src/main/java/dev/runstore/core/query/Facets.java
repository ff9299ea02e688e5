package dev.runstore.core.query;

import dev.runstore.core.catalog.Catalog;
import dev.runstore.core.db.Database;
import java.util.ArrayList;
import java.util.List;

/**
 * Facets as Datasette shows them: a column's most common values with their counts, in bounded time
 * — at most {@code sample} rows are read: the newest by key (for events, the latest ingested), the
 * filters applied among them, so a facet over ten million events costs what one over a hundred
 * thousand does whatever the filter, and says when it is a sample.
 */
public final class Facets {
    /** Rows read at most for one facet. */
    public static final long DEFAULT_SAMPLE = 100_000;

    private Facets() {}

    public static Facet of(Database db, RowQuery query, String column, int top, long sample) {
        BrowseSql sql = new BrowseSql(db.engine(), Catalog.structure(db, query.table()), query);
        String quoted = sql.quotedColumn(column);
        List<Object> args = new ArrayList<>();
        String select = "SELECT v, count(*) AS n, sum(count(*)) OVER () AS total FROM ("
                + sql.sampled(quoted + " AS v", sample, args) + ") AS s GROUP BY v ORDER BY n DESC, v LIMIT ?";
        args.add((long) top);
        List<Object> sizeArgs = new ArrayList<>();
        String size = sql.countedUpTo(sizeArgs, sample + 1);
        String name = sql.columns().stream()
                .filter(c -> c.equalsIgnoreCase(column))
                .findFirst()
                .orElse(column);
        return db.read(h -> h.inTransaction(tx -> {
            boolean complete = Statements.query(tx, size, sizeArgs, Cancellation.none(), rows -> {
                        rows.next();
                        return rows.getLong(1);
                    })
                    <= sample;
            return Statements.query(tx, select, args, Cancellation.none(), rows -> {
                List<Facet.Value> values = new ArrayList<>();
                long scanned = 0;
                while (rows.next()) {
                    values.add(new Facet.Value(Cells.read(rows, 1), rows.getLong(2)));
                    scanned = rows.getLong(3);
                }
                return new Facet(name, values, scanned, complete);
            });
        }));
    }
}
