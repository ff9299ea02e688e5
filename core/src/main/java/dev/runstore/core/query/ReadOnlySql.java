package dev.runstore.core.query;

import dev.runstore.core.db.Database;
import dev.runstore.core.db.Dialect;
import dev.runstore.core.db.Engine;
import dev.runstore.core.error.ErrorTranslator;
import dev.runstore.core.error.InvalidInputException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * SQL that a person typed, run so that it cannot change anything: not the database, not another
 * file, not the connection's settings. Two layers guard each statement:
 *
 * <ol>
 *   <li>Before anything is prepared, a tokenizer that knows SQL's comments and quotes allows
 *       exactly one statement starting with SELECT, WITH (with no write after it), VALUES, EXPLAIN
 *       (of an allowed statement) or a reading PRAGMA, and no {@code load_extension} call.
 *   <li>Then the engine compiles it and refuses what would write ({@link Engine#compiledWrite}),
 *       and runs it confined ({@link Engine#confineTypedSql}): SQLite on a read-only connection
 *       that cannot attach another file, PostgreSQL in a READ ONLY transaction that is rolled back.
 * </ol>
 *
 * The tokenizer reads the statement with the quoting of the engine it runs on (PostgreSQL's dollar
 * quotes and escape strings, SQLite's brackets and backticks).
 *
 * A refused statement is a {@link SqlRefusedException}; one the engine cannot compile is an {@link
 * InvalidInputException} quoting the engine ({@code invalid SQL: near "SELEC": syntax error}); a
 * cancelled one a {@link dev.runstore.core.error.CancelledException}. Every operation closes its
 * statement before it returns, so a caller that holds a result holds no read transaction and does
 * not hold back a WAL checkpoint. Thread-safe.
 */
public final class ReadOnlySql {
    private ReadOnlySql() {}

    /**
     * The lexical layer alone, for checking a statement before a database is opened.
     *
     * @return the statement as it would be prepared: without a trailing ';' or comment
     */
    public static String check(String sql) {
        return SqlGuard.check(sql).text();
    }

    /** {@link #check(String)} as {@code dialect} quotes: before a database of it is opened. */
    public static String check(String sql, Dialect dialect) {
        return SqlGuard.check(sql, dialect).text();
    }

    private static SqlGuard.Checked checked(Database db, String sql) {
        return SqlGuard.check(sql, db.config().dialect());
    }

    /** Rows {@code offset} to {@code offset + limit - 1} of {@code sql}, and whether more follow. */
    public static QueryResult run(Database db, String sql, long offset, int limit, Cancellation cancel) {
        if (offset < 0 || limit < 1) {
            throw new IllegalArgumentException(
                    "offset must be 0 or more and limit at least 1 (were " + offset + " and " + limit + ")");
        }
        long started = System.nanoTime();
        SqlGuard.Checked checked = checked(db, sql);
        return guarded(db, checked.text(), checked.compiled(), cancel, (rs, columns) -> {
            List<List<Object>> rows = new ArrayList<>();
            boolean more = false;
            // Fetch offset + limit + 1 rows at most; the statement is closed right after.
            for (long skipped = 0; skipped < offset && rs.next(); skipped++) {
                checkEvery(skipped, cancel);
            }
            while (rs.next()) {
                if (rows.size() == limit) {
                    more = true;
                    break;
                }
                rows.add(values(rs, columns.size()));
            }
            return new QueryResult(columns, rows, more, Duration.ofNanos(System.nanoTime() - started));
        });
    }

    /** How many rows {@code sql} returns, counted by the engine where it can be (cancellable). */
    public static long count(Database db, String sql, Cancellation cancel) {
        SqlGuard.Checked checked = checked(db, sql);
        if (checked.query()) {
            // PostgreSQL before 16 requires the subquery's alias.
            String wrapped = "SELECT count(*) FROM (" + checked.text() + ") AS counted";
            return guarded(db, wrapped, wrapped, cancel, (rs, columns) -> rs.next() ? rs.getLong(1) : 0L);
        }
        return guarded(db, checked.text(), checked.compiled(), cancel, (rs, columns) -> {
            long rows = 0;
            while (rs.next()) {
                checkEvery(rows++, cancel);
            }
            return rows;
        });
    }

    /** The plan of {@code sql} (of the statement it explains, for an EXPLAIN) as a tree. */
    public static QueryPlan plan(Database db, String sql, Cancellation cancel) {
        SqlGuard.Checked checked = checked(db, sql);
        String explain = db.engine().explainPlan(checked.compiled());
        return guarded(db, explain, checked.compiled(), cancel, (rs, columns) -> {
            List<Engine.PlanStep> steps = db.engine().planSteps(rs);
            Map<Integer, List<Engine.PlanStep>> byParent = new LinkedHashMap<>();
            steps.forEach(s ->
                    byParent.computeIfAbsent(s.parent(), p -> new ArrayList<>()).add(s));
            class Tree {
                List<QueryPlan.Node> under(int parent) {
                    return byParent.getOrDefault(parent, List.of()).stream()
                            .filter(s -> s.id() != parent) // never loop on a malformed row
                            .map(s -> QueryPlan.Node.of(s.id(), s.detail(), under(s.id())))
                            .toList();
                }
            }
            return new QueryPlan(new Tree().under(0));
        });
    }

    /**
     * Streams every row of {@code sql} to {@code out} in {@code format}, one row in memory at a
     * time, and flushes it (it stays open). The read transaction lasts as long as the export.
     *
     * @param maxRows rows written at most ({@code Long.MAX_VALUE} for all)
     * @return how many rows were written
     * @throws UncheckedIOException when {@code out} fails
     */
    public static long export(
            Database db, String sql, ExportFormat format, Writer out, long maxRows, Cancellation cancel) {
        SqlGuard.Checked checked = checked(db, sql);
        return guarded(db, checked.text(), checked.compiled(), cancel, (rs, columns) -> {
            RowWriter writer = RowWriter.of(format, out);
            try {
                writer.start(columns);
                long rows = 0;
                while (rows < maxRows && rs.next()) {
                    writer.row(values(rs, columns.size()));
                    checkEvery(rows++, cancel);
                }
                writer.end();
                return rows;
            } catch (IOException e) {
                throw new UncheckedIOException("writing the export failed: " + e.getMessage(), e);
            }
        });
    }

    /** {@link #export(Database, String, ExportFormat, Writer, long, Cancellation)} as UTF-8 bytes. */
    public static long export(
            Database db, String sql, ExportFormat format, OutputStream out, long maxRows, Cancellation cancel) {
        return export(db, sql, format, new OutputStreamWriter(out, StandardCharsets.UTF_8), maxRows, cancel);
    }

    private interface Reader<R> {
        R read(ResultSet rs, List<String> columns) throws SQLException;
    }

    /**
     * Runs {@code text} on a confined read connection once the engine found no write in {@code
     * compiled}, with its statement registered for {@code cancel}, and closes the statement.
     */
    @SuppressWarnings("try") // the confinement is held, not used, for the statement's duration
    private static <R> R guarded(Database db, String text, String compiled, Cancellation cancel, Reader<R> reader) {
        ErrorTranslator translator =
                new ErrorTranslator(db.location(), db.config().busyTimeout());
        cancel.throwIfCancelled();
        return db.read(h -> {
            Engine engine = db.engine();
            try (Engine.Restore confined = engine.confineTypedSql(h)) {
                Optional<String> several = engine.severalStatements(h, text);
                if (several.isPresent()) {
                    throw new SqlRefusedException(several.get());
                }
                Optional<String> writes = engine.compiledWrite(h, compiled);
                if (writes.isPresent()) {
                    throw new SqlRefusedException(writes.get());
                }
                return execute(h, text, cancel, reader);
            } catch (SQLException e) {
                throw translator.translateTypedSql(e);
            }
        });
    }

    private static <R> R execute(Handle h, String text, Cancellation cancel, Reader<R> reader) throws SQLException {
        try (PreparedStatement statement = h.getConnection().prepareStatement(text)) {
            cancel.register(statement);
            try {
                boolean hasRows = statement.execute();
                try (ResultSet rs = hasRows ? statement.getResultSet() : null) {
                    // A statement without a result (a pragma about a missing table) reads as no rows.
                    return reader.read(
                            rs == null ? NoRows.resultSet() : rs, rs == null ? List.of() : columns(rs.getMetaData()));
                }
            } finally {
                cancel.release(statement);
            }
        }
    }

    private static List<String> columns(ResultSetMetaData meta) throws SQLException {
        List<String> columns = new ArrayList<>(meta.getColumnCount());
        for (int i = 1; i <= meta.getColumnCount(); i++) {
            columns.add(meta.getColumnLabel(i));
        }
        return columns;
    }

    /** The row's values as {@link Cells#read} reads them, as the row browser does. */
    private static List<Object> values(ResultSet rs, int count) throws SQLException {
        List<Object> row = new ArrayList<>(count);
        for (int i = 1; i <= count; i++) {
            row.add(Cells.read(rs, i));
        }
        return row;
    }

    /** Between steps too: a cancel that lands while Java, not the engine, is busy still stops. */
    private static void checkEvery(long row, Cancellation cancel) {
        if ((row & 255) == 255) {
            cancel.throwIfCancelled();
        }
    }
}
