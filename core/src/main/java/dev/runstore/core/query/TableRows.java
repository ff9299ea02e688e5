package dev.runstore.core.query;

import dev.runstore.core.catalog.Catalog;
import dev.runstore.core.catalog.TableStructure;
import dev.runstore.core.db.Database;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * Pages of any table or view: the row browser's and {@code runstore rows}' one way in. Tables with
 * a rowid or primary key are paged by key ({@link RowPage.Paging#KEYSET}), so the last page of ten
 * million rows costs what the first does; views by position. Each call is one short read: nothing
 * stays open between pages, so a browsing console never holds back a writer's checkpoint.
 */
public final class TableRows {
    /**
     * A filtered page in key order whose plan sorts every match (SQLite, without statistics, filters
     * through an index and sorts) walks the table in key order instead when more rows than this
     * match: sorting that many costs more than reading until a page is full. Counting up to it
     * through the index is cheap.
     */
    static final long WALK_WHEN_MATCHES_EXCEED = 20_000;

    private TableRows() {}

    /** Which page to read, relative to the one shown. */
    public enum Go {
        FIRST,
        /** The page before a boundary row: the first row of the page shown. */
        BEFORE,
        /** The page after a boundary row: the last row of the page shown. */
        AFTER,
        LAST
    }

    public static RowPage first(Database db, RowQuery query, int limit) {
        return page(db, query, Go.FIRST, null, limit, Cancellation.none());
    }

    public static RowPage last(Database db, RowQuery query, int limit) {
        return page(db, query, Go.LAST, null, limit, Cancellation.none());
    }

    /** The page that follows {@code boundary} (the last row of the page shown). */
    public static RowPage after(Database db, RowQuery query, Row boundary, int limit) {
        return page(db, query, Go.AFTER, boundary, limit, Cancellation.none());
    }

    /** The page that precedes {@code boundary} (the first row of the page shown). */
    public static RowPage before(Database db, RowQuery query, Row boundary, int limit) {
        return page(db, query, Go.BEFORE, boundary, limit, Cancellation.none());
    }

    /**
     * The page {@code go} asks for ({@code boundary} for BEFORE and AFTER), stoppable: a page of an
     * unindexed sort over millions of rows reads them all, and the console cancels it when the
     * person asks for another page meanwhile.
     */
    public static RowPage page(Database db, RowQuery query, Go go, Row boundary, int limit, Cancellation cancel) {
        boolean needsBoundary = go == Go.BEFORE || go == Go.AFTER;
        if (needsBoundary && boundary == null) {
            throw new IllegalArgumentException(go + " needs the boundary row to page from");
        }
        return page(
                db,
                query,
                needsBoundary ? Optional.of(boundary) : Optional.empty(),
                go == Go.BEFORE || go == Go.LAST,
                limit,
                cancel);
    }

    /** How many rows match, counted to the end; stoppable, since on a huge table that takes a while. */
    public static long count(Database db, RowQuery query, Cancellation cancellation) {
        BrowseSql sql = new BrowseSql(db.engine(), Catalog.structure(db, query.table()), query);
        return db.read(h -> count(h, sql, cancellation));
    }

    /** How many rows match, counting no further than {@code cap}: cheap, for "more than N" at once. */
    public static long countUpTo(Database db, RowQuery query, long cap) {
        BrowseSql sql = new BrowseSql(db.engine(), Catalog.structure(db, query.table()), query);
        return db.read(h -> countUpTo(h, sql, cap));
    }

    /**
     * Streams every matching row, in order, to {@code out} in {@code format}, inside one read
     * transaction, so the rows are one consistent snapshot however long the export takes; one row
     * is in memory at a time. {@code out} is flushed, not closed.
     *
     * @param maxRows rows written at most ({@code Long.MAX_VALUE} for all)
     * @return how many rows were written
     */
    public static long export(
            Database db, RowQuery query, ExportFormat format, Writer out, long maxRows, Cancellation cancellation) {
        TableStructure table = Catalog.structure(db, query.table());
        BrowseSql sql = new BrowseSql(db.engine(), table, query);
        int width = sql.columns().size();
        RowWriter writer = RowWriter.of(format, out);
        return db.read(h -> h.inTransaction(tx -> {
            try {
                writer.start(sql.columns());
                if (!sql.keyset()) {
                    List<Object> args = new ArrayList<>();
                    stream(tx, sql.unlimitedAt(false, args), args, cancellation, width, writer, maxRows);
                } else {
                    // The segments one after another: a UNION would not keep their order.
                    for (BrowseSql.Segment segment : sql.segments(false)) {
                        List<Object> args = new ArrayList<>();
                        stream(
                                tx,
                                sql.unlimited(segment, Optional.empty(), args),
                                args,
                                cancellation,
                                width,
                                writer,
                                maxRows);
                    }
                }
                writer.end();
            } catch (IOException e) {
                throw new UncheckedIOException("writing the export failed: " + e.getMessage(), e);
            }
            return writer.rows;
        }));
    }

    private static void stream(
            Handle h,
            String select,
            List<Object> args,
            Cancellation cancellation,
            int width,
            RowWriter writer,
            long maxRows) {
        Statements.query(h, select, args, cancellation, rows -> {
            while (writer.rows < maxRows && rows.next()) {
                List<Object> values = new ArrayList<>(width);
                for (int i = 1; i <= width; i++) {
                    values.add(Cells.read(rows, i));
                }
                try {
                    writer.row(values);
                } catch (IOException e) {
                    throw new UncheckedIOException("writing the export failed: " + e.getMessage(), e);
                }
            }
            return null;
        });
    }

    private static RowPage page(
            Database db, RowQuery query, Optional<Row> boundary, boolean backwards, int limit, Cancellation cancel) {
        if (limit < 1) {
            throw new IllegalArgumentException("a page holds at least 1 row (was " + limit + ")");
        }
        TableStructure table = Catalog.structure(db, query.table());
        BrowseSql sql = new BrowseSql(db.engine(), table, query);
        return db.read(h -> {
            if (sql.mayWalkInKeyOrder()
                    && !sortUsesIndex(db, h, sql, limit + 1)
                    && matchesMoreThan(h, sql, WALK_WHEN_MATCHES_EXCEED)) {
                sql.walkInKeyOrder();
            }
            List<Row> rows = sql.keyset()
                    ? byKey(h, sql, boundary.map(Row::position), backwards, limit + 1, cancel)
                    : byPosition(h, sql, boundary.map(Row::position), backwards, limit + 1, cancel);
            boolean more = rows.size() > limit;
            if (more) {
                rows = rows.subList(0, limit);
            }
            if (backwards) {
                rows = new ArrayList<>(rows);
                Collections.reverse(rows);
            }
            boolean before = backwards ? more : boundary.isPresent();
            boolean after = backwards ? boundary.isPresent() : more;
            return new RowPage(
                    sql.columns(),
                    rows,
                    before,
                    after,
                    sql.keyset() ? RowPage.Paging.KEYSET : RowPage.Paging.OFFSET,
                    !sql.sorted() || sortUsesIndex(db, h, sql, limit + 1));
        });
    }

    private static List<Row> byKey(
            Handle h,
            BrowseSql sql,
            Optional<List<Object>> position,
            boolean backwards,
            int wanted,
            Cancellation cancel) {
        List<BrowseSql.Segment> segments = sql.segments(backwards);
        int start = position.map(p -> sql.segmentOf(segments, p)).orElse(0);
        List<Row> rows = new ArrayList<>();
        for (int i = start; i < segments.size() && rows.size() < wanted; i++) {
            List<Object> args = new ArrayList<>();
            String select = sql.select(segments.get(i), i == start ? position : Optional.empty(), args);
            args.add((long) (wanted - rows.size()));
            rows.addAll(read(h, select, args, sql.columns().size(), Optional.empty(), cancel));
        }
        return rows;
    }

    private static List<Row> byPosition(
            Handle h,
            BrowseSql sql,
            Optional<List<Object>> position,
            boolean backwards,
            int wanted,
            Cancellation cancel) {
        // Position = index from the start in forward order. Backwards from the end needs the count.
        long start;
        long take = wanted;
        List<Object> args = new ArrayList<>();
        String select = sql.selectAt(false, args);
        if (!backwards) {
            start = position.map(p -> ((Number) p.get(0)).longValue() + 1).orElse(0L);
        } else {
            long end = position.isPresent() ? ((Number) position.get().get(0)).longValue() : count(h, sql, cancel);
            start = Math.max(0, end - wanted);
            take = end - start;
        }
        args.add(take);
        args.add(start);
        List<Row> rows = read(h, select, args, sql.columns().size(), Optional.of(start), cancel);
        if (backwards) {
            Collections.reverse(rows); // page() reverses once more
        }
        return rows;
    }

    private static long count(Handle h, BrowseSql sql, Cancellation cancel) {
        List<Object> args = new ArrayList<>();
        String select = sql.matching("count(*)", args);
        return Statements.query(h, select, args, cancel, rows -> {
            rows.next();
            return rows.getLong(1);
        });
    }

    private static List<Row> read(
            Handle h, String select, List<Object> args, int width, Optional<Long> firstIndex, Cancellation cancel) {
        return Statements.query(h, select, args, cancel, rows -> {
            List<Row> read = new ArrayList<>();
            long index = firstIndex.orElse(0L);
            while (rows.next()) {
                read.add(row(rows, width, firstIndex.isPresent() ? Optional.of(index++) : Optional.empty()));
            }
            return read;
        });
    }

    private static Row row(ResultSet rows, int width, Optional<Long> index) throws SQLException {
        List<Object> values = new ArrayList<>(width);
        for (int i = 1; i <= width; i++) {
            values.add(Cells.read(rows, i));
        }
        List<Object> position = new ArrayList<>();
        if (index.isPresent()) {
            position.add(index.get());
        } else {
            int total = rows.getMetaData().getColumnCount();
            for (int i = width + 1; i <= total; i++) {
                position.add(Cells.read(rows, i));
            }
        }
        return new Row(values, position);
    }

    private static boolean matchesMoreThan(Handle h, BrowseSql sql, long cap) {
        return countUpTo(h, sql, cap + 1) > cap;
    }

    private static long countUpTo(Handle h, BrowseSql sql, long cap) {
        List<Object> args = new ArrayList<>();
        String select = "SELECT count(*) FROM (" + sql.matching("1 AS one", args) + " LIMIT ?) AS capped";
        args.add(cap);
        return Statements.query(h, select, args, Cancellation.none(), rows -> {
            rows.next();
            return rows.getLong(1);
        });
    }

    /**
     * Planned with the page's own LIMIT (SQLite plans a LIMIT 1 as a scan with a top-1 sort), on
     * the segment of values (the NULLs' segment is in key order whatever the column).
     */
    private static boolean sortUsesIndex(Database db, Handle h, BrowseSql sql, int limit) {
        List<Object> args = new ArrayList<>();
        String select = sql.select(sql.valuesSegment(), Optional.empty(), args);
        args.add((long) limit);
        List<Object> planned = args.stream()
                .map(a -> a instanceof MalformedText text ? text.bytes() : a)
                .toList();
        return !db.engine().sortsWithoutIndex(db.engine().plan(h, select, planned));
    }
}
