package dev.runstore.core.db;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * Everything that differs between SQLite and PostgreSQL, in one place: the catalog, sizes, the
 * engine's own health checks, what a reset drops, migration placeholders, how times are bound and
 * where out-of-line payloads live. Each difference is one method with one implementation per
 * engine ({@link SqliteEngine}, {@link PostgresEngine}); the rest of runstore asks {@link
 * Database#engine()} instead of branching on the dialect. Sealed: runstore supports exactly these
 * two. Public only because runstore's other packages use it; it is not a user API.
 */
public abstract sealed class Engine permits SqliteEngine, PostgresEngine {
    /** One result of {@link #checks}: the engine's own integrity checks. */
    public record Check(String name, boolean passed, String detail) {}

    Engine() {}

    public abstract Dialect dialect();

    /** The tables a user sees, by name: the engine's internal tables left out. */
    public abstract List<String> tables(Handle h);

    /**
     * Bytes each table uses, by name (on SQLite its indexes too, under their own names); empty when
     * the engine build cannot tell (a SQLite without {@code dbstat}). Any other failure is thrown.
     */
    public abstract Optional<Map<String, Long>> sizes(Handle h);

    /** The engine's own integrity checks (SQLite: WAL, foreign keys, quick_check, orphans). */
    public abstract List<Check> checks(Handle h);

    /** Whether {@code index} on {@code table} is unique; empty when there is no such index. */
    public abstract Optional<Boolean> indexUnique(Handle h, String table, String index);

    /** The key columns of {@code index}, in order. */
    public abstract List<String> indexColumns(Handle h, String index);

    /** The plan the engine chooses for {@code sql} with {@code parameters}, one line per step. */
    public abstract List<String> plan(Handle h, String sql, Map<String, Object> parameters);

    /**
     * {@link #plan} of SQL with positional {@code ?} parameters, bound in order; the SQL text is
     * never rewritten, so a {@code ?} inside a quoted name stays a name.
     */
    public List<String> plan(Handle h, String sql, List<Object> parameters) {
        return planPositional(h, sql, parameters);
    }

    abstract List<String> planPositional(Handle h, String sql, List<Object> parameters);

    /**
     * Whether {@code plan} reads through one of {@code indexes} and scans no whole table. SQLite is
     * asked for the one index a query was written for; PostgreSQL's cost model may pick a sibling
     * index of the same table, so it is given all of them.
     */
    public abstract boolean servedByIndex(List<String> plan, String index, List<String> siblings);

    /**
     * The statements a reset runs, inside its transaction, to empty the database: SQLite drops
     * every table, view and trigger of the file; PostgreSQL only runstore's own tables in the
     * schema (a server schema may hold other applications' tables).
     */
    public abstract List<String> resetDrops(Statement sql) throws SQLException;

    /** The statement that begins the reset's transaction, holding off every other writer. */
    public abstract String beginExclusive();

    /** Whether runstore can back this database up itself (a SQLite file; PostgreSQL has pg_dump). */
    public abstract boolean canBackUp();

    /** Whether the migrations need runstore's own lock: Flyway locks PostgreSQL, not SQLite. */
    public abstract boolean needsMigrationLock();

    /** The values of the migrations' placeholders ({@code ${id_pk}}, {@code ${ts}}). */
    public abstract Map<String, String> placeholders();

    /** A UTC time as bound to a statement: text on SQLite, a TIMESTAMP on PostgreSQL. */
    public abstract Object timeArgument(Instant utc);

    /**
     * Binds a {@link #timeArgument} on plain JDBC exactly as runstore's Jdbi binding does (the
     * event insert, runstore's hottest statement, binds on JDBC: Jdbi's per-statement binding cost
     * more than SQLite's insert).
     */
    public abstract void bindTime(PreparedStatement statement, int index, Object timeArgument) throws SQLException;

    /**
     * The folder for out-of-line payload files ({@code <file>.blobs} beside a SQLite file), or
     * empty where payloads are kept in the database's {@code payload_blobs} table (PostgreSQL).
     */
    public abstract Optional<Path> payloadFolder();

    // For reading any table a person picks (catalog and query packages).

    /** Whether NULLs come before every other value in ascending order (SQLite) or after (PostgreSQL). */
    public abstract boolean nullsSortFirst();

    /**
     * A bound parameter compared with a column declared {@code declaredType}: plain {@code ?} where
     * the engine converts text by the column's affinity (SQLite), a cast where it does not.
     */
    public abstract String parameterFor(String declaredType);

    /** A condition true when {@code expression}'s text matches the bound LIKE pattern, ignoring case. */
    public abstract String likeIgnoringCase(String expression);

    /**
     * {@code quotedTable} read in its own key order with no index (SQLite's {@code NOT INDEXED}), for
     * a filter so common that walking the table in order fills a page sooner than sorting every
     * match; empty where the planner decides this itself from statistics (PostgreSQL).
     */
    public abstract Optional<String> inKeyOrderWithoutIndexes(String quotedTable);

    /** Whether {@code plan} (from {@link #plan}) sorts rows itself, because no index gives the order. */
    public abstract boolean sortsWithoutIndex(List<String> plan);

    /**
     * An expression for the start of the minute, hour or day {@code column} (a runstore time) falls
     * in, as text {@code YYYY-MM-DD HH:MM}, {@code YYYY-MM-DD HH} or {@code YYYY-MM-DD}, in UTC:
     * grouping by it buckets events by SQL over the (level, ts) index.
     */
    public abstract String timeBucket(String column, java.time.temporal.ChronoUnit unit);

    /** The engine and its version, e.g. {@code SQLite 3.50.3}. */
    public abstract String version(Handle h);

    /** The journal mode ({@code wal}, {@code delete}, …); PostgreSQL's own write-ahead log otherwise. */
    public abstract String journalMode(Handle h);

    /** Bytes the database takes on disk: the main file, or the server's database. */
    public abstract long sizeOnDisk(Handle h);

    /** Bytes in the write-ahead log file beside a SQLite database; empty where there is none to see. */
    public abstract Optional<Long> walSize();

    // Read-only SQL that a person typed (dev.runstore.core.query.ReadOnlySql): the engine's layers.

    /** One step of a typed statement's plan: {@code parent} 0 for a top step. */
    public record PlanStep(int id, int parent, String detail) {}

    /** The statement that shows the plan of {@code sql} ({@code EXPLAIN QUERY PLAN}, {@code EXPLAIN}). */
    public abstract String explainPlan(String sql);

    /** The steps of {@link #explainPlan}'s rows, parents before their children. */
    public abstract List<PlanStep> planSteps(java.sql.ResultSet rows) throws SQLException;

    /** Undoes what {@link #confineTypedSql} set on a connection. */
    public interface Restore extends AutoCloseable {
        @Override
        void close() throws SQLException;
    }

    /**
     * Sets the connection of {@code h} up so that a typed statement cannot change anything until
     * the returned {@link Restore} is closed: SQLite allows at most 0 attached databases (the
     * connection is already query_only); PostgreSQL opens a READ ONLY transaction, whose mode is
     * fixed by a first query, and rolls it back.
     */
    public abstract Restore confineTypedSql(Handle h) throws SQLException;

    /**
     * Why the driver would send {@code sql} as more than one statement, or empty when it sends one.
     * {@code sql} has passed the lexical guard, which sees one; this asks the engine's own reading
     * again, so that a disagreement between the two refuses instead of running a second statement.
     * PostgreSQL: pgjdbc splits the text itself and sends each statement separately, so its parser is
     * asked. SQLite: the driver compiles only the first statement of a text and ignores the rest, and
     * {@link #compiledWrite} inspects that same first statement, so there is nothing to ask.
     */
    public abstract Optional<String> severalStatements(Handle h, String sql) throws SQLException;

    /**
     * What {@code sql} would write once compiled (SQLite: the opcodes of {@code EXPLAIN sql}), or
     * empty when it only reads. {@code sql} has passed the lexical guard: preparing it is safe.
     */
    public abstract Optional<String> compiledWrite(Handle h, String sql) throws SQLException;

    // Inside this package: how Database opens and probes the engine.

    abstract ConnectionSource connections();

    /** A cheap statement that fails when the target is not a database of this engine. */
    abstract String probe();

    /** Checks the target before anything connects (a SQLite path that is a folder, a missing file). */
    abstract void checkTarget();

    /** A short name for logs and thread names. */
    abstract String shortName();

    static Engine of(DatabaseConfig config) {
        return switch (config.dialect()) {
            case SQLITE -> new SqliteEngine(config);
            case POSTGRESQL -> new PostgresEngine(config);
        };
    }
}
