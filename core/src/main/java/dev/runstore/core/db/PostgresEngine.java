package dev.runstore.core.db;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;

/**
 * PostgreSQL's side of {@link Engine}: the catalog of the current schema ({@code information_schema},
 * {@code pg_index}), {@code pg_table_size}, EXPLAIN.
 */
final class PostgresEngine extends Engine {
    /** runstore's own tables: a reset drops these and nothing else in the schema. */
    private static final List<String> RUNSTORE_TABLES =
            List.of("events", "payload_blobs", "runs", "runstore_meta", "flyway_schema_history");

    private static final String UNIQUE = "SELECT i.indisunique FROM pg_index i JOIN pg_class c ON c.oid ="
            + " i.indexrelid JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_class t ON t.oid = i.indrelid"
            + " WHERE n.nspname = current_schema() AND c.relname = :name AND t.relname = :table";
    private static final String COLUMNS = "SELECT a.attname FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid"
            + " JOIN pg_namespace n ON n.oid = c.relnamespace CROSS JOIN LATERAL unnest(i.indkey::int2[]) WITH"
            + " ORDINALITY AS k(attnum, ord) JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum"
            + " WHERE n.nspname = current_schema() AND c.relname = :name ORDER BY k.ord";

    private final DatabaseConfig config;

    PostgresEngine(DatabaseConfig config) {
        this.config = config;
    }

    @Override
    public Dialect dialect() {
        return Dialect.POSTGRESQL;
    }

    @Override
    public List<String> tables(Handle h) {
        return h.createQuery("SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()"
                        + " AND table_type = 'BASE TABLE' ORDER BY table_name")
                .mapTo(String.class)
                .list();
    }

    @Override
    public Optional<Map<String, Long>> sizes(Handle h) {
        Map<String, Long> sizes = new LinkedHashMap<>();
        h.createQuery("SELECT c.relname AS name, pg_table_size(c.oid) AS bytes FROM pg_class c JOIN pg_namespace n"
                        + " ON n.oid = c.relnamespace WHERE n.nspname = current_schema() AND c.relkind = 'r'"
                        + " ORDER BY c.relname")
                .map((rs, ctx) -> Map.entry(rs.getString("name"), rs.getLong("bytes")))
                .forEach(e -> sizes.put(e.getKey(), e.getValue()));
        return Optional.of(sizes);
    }

    @Override
    public List<Check> checks(Handle h) {
        // Integrity and foreign keys are the server's own business; what it can leave behind is an
        // index that a failed CREATE INDEX CONCURRENTLY marked invalid, which no query uses.
        List<String> invalid = h.createQuery("SELECT c.relname FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid"
                        + " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = current_schema()"
                        + " AND NOT i.indisvalid ORDER BY c.relname")
                .mapTo(String.class)
                .list();
        return List.of(
                invalid.isEmpty()
                        ? new Check("valid indexes", true, "no invalid index in the schema")
                        : new Check(
                                "valid indexes",
                                false,
                                "invalid: " + String.join(", ", invalid) + "; REINDEX them or drop and create again"));
    }

    @Override
    public Optional<Boolean> indexUnique(Handle h, String table, String index) {
        return h.createQuery(UNIQUE)
                .bind("table", table)
                .bind("name", index)
                .mapTo(Boolean.class)
                .findOne();
    }

    @Override
    public List<String> indexColumns(Handle h, String index) {
        return h.createQuery(COLUMNS).bind("name", index).mapTo(String.class).list();
    }

    @Override
    List<String> planPositional(Handle h, String sql, List<Object> parameters) {
        // The row browser asks how the server would really run a page: statistics decide, no
        // scan is priced out (unlike the index checks' plan below).
        var explain = h.createQuery("EXPLAIN " + sql);
        for (int i = 0; i < parameters.size(); i++) {
            explain.bind(i, parameters.get(i));
        }
        return explain.map((rs, ctx) -> rs.getString(1)).list();
    }

    @Override
    public List<String> plan(Handle h, String sql, Map<String, Object> parameters) {
        // On a small table PostgreSQL rightly prefers a sequential scan; the check asks whether an
        // index CAN serve the query, so sequential scans are priced out for the EXPLAIN only.
        h.execute("SET enable_seqscan = off");
        try {
            var explain = h.createQuery("EXPLAIN " + sql);
            parameters.forEach(explain::bind);
            return explain.map((rs, ctx) -> rs.getString(1)).list();
        } finally {
            h.execute("RESET enable_seqscan");
        }
    }

    @Override
    public boolean servedByIndex(List<String> plan, String index, List<String> siblings) {
        // "Index Scan using x", "Index Only Scan using x", "Bitmap Index Scan on x"
        String any = siblings.stream().map(Pattern::quote).collect(Collectors.joining("|"));
        Pattern uses = Pattern.compile("\\b(using|on) (" + any + ")\\b");
        return plan.stream().anyMatch(step -> uses.matcher(step).find())
                && plan.stream().noneMatch(step -> step.contains("Seq Scan on"));
    }

    @Override
    public List<String> resetDrops(Statement sql) {
        return List.of("DROP TABLE IF EXISTS "
                + RUNSTORE_TABLES.stream().map(Identifiers::quote).collect(Collectors.joining(", ")) + " CASCADE");
    }

    @Override
    public String beginExclusive() {
        // DROP TABLE takes each table's ACCESS EXCLUSIVE lock itself: it waits for the
        // transactions in flight (up to lock_timeout) and every later one waits for the COMMIT.
        return "BEGIN";
    }

    @Override
    public boolean canBackUp() {
        return false;
    }

    @Override
    public boolean needsMigrationLock() {
        return false; // Flyway takes an advisory lock on PostgreSQL
    }

    @Override
    public Map<String, String> placeholders() {
        return Map.of("id_pk", "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY", "ts", "TIMESTAMP");
    }

    @Override
    public Object timeArgument(Instant utc) {
        return utc; // a TIMESTAMP, bound by UtcTimePlugin
    }

    @Override
    public void bindTime(java.sql.PreparedStatement statement, int index, Object timeArgument)
            throws java.sql.SQLException {
        // As UtcTimePlugin binds an Instant here: a TIMESTAMP without zone, in UTC.
        statement.setObject(index, java.time.LocalDateTime.ofInstant((Instant) timeArgument, java.time.ZoneOffset.UTC));
    }

    @Override
    public boolean nullsSortFirst() {
        return false;
    }

    @Override
    public String parameterFor(String declaredType) {
        // PostgreSQL compares text with an integer column only after a cast; the type comes from
        // the catalog (format_type), never from the person typing the value.
        return "CAST(? AS " + declaredType + ")";
    }

    @Override
    public String likeIgnoringCase(String expression) {
        return "CAST(" + expression + " AS TEXT) ILIKE ? ESCAPE '\\'";
    }

    @Override
    public Optional<String> inKeyOrderWithoutIndexes(String quotedTable) {
        return Optional.empty();
    }

    @Override
    public boolean sortsWithoutIndex(List<String> plan) {
        return plan.stream().anyMatch(step -> step.strip().matches("(->\\s*)?(Incremental )?Sort\\b.*"));
    }

    @Override
    public String timeBucket(String column, java.time.temporal.ChronoUnit unit) {
        String[] truncated = switch (unit) {
            case MINUTES -> new String[] {"minute", "YYYY-MM-DD HH24:MI"};
            case HOURS -> new String[] {"hour", "YYYY-MM-DD HH24"};
            case DAYS -> new String[] {"day", "YYYY-MM-DD"};
            default -> throw new IllegalArgumentException("buckets are minutes, hours or days, not " + unit);
        };
        // ts is a TIMESTAMP of UTC wall time: truncating it needs no zone.
        return "to_char(date_trunc('" + truncated[0] + "', " + column + "), '" + truncated[1] + "')";
    }

    @Override
    public String version(Handle h) {
        return "PostgreSQL "
                + h.createQuery("SHOW server_version").mapTo(String.class).one();
    }

    @Override
    public String journalMode(Handle h) {
        return "server WAL (wal_level "
                + h.createQuery("SHOW wal_level").mapTo(String.class).one() + ")";
    }

    @Override
    public long sizeOnDisk(Handle h) {
        return h.createQuery("SELECT pg_database_size(current_database())")
                .mapTo(Long.class)
                .one();
    }

    @Override
    public Optional<Long> walSize() {
        return Optional.empty();
    }

    @Override
    public Optional<Path> payloadFolder() {
        return Optional.empty(); // payload_blobs, so every host and every pg_dump has them
    }

    @Override
    ConnectionSource connections() {
        return new PostgresConnections(config, System.getenv());
    }

    @Override
    String probe() {
        return "SELECT 1";
    }

    @Override
    void checkTarget() {
        // a server: nothing to check before connecting
    }

    @Override
    String shortName() {
        String url = config.url();
        String withoutQuery = url.contains("?") ? url.substring(0, url.indexOf('?')) : url;
        return withoutQuery.substring(withoutQuery.lastIndexOf('/') + 1);
    }

    @Override
    public String explainPlan(String sql) {
        return "EXPLAIN " + sql;
    }

    @Override
    public List<PlanStep> planSteps(java.sql.ResultSet rows) throws SQLException {
        // EXPLAIN's text: the top node, then "->  " nodes indented under their parent, and property
        // lines ("Filter: …") under the node they belong to, which are folded into its detail.
        List<PlanStep> steps = new ArrayList<>();
        java.util.Deque<int[]> open = new java.util.ArrayDeque<>(); // {indent, id}
        while (rows.next()) {
            String line = rows.getString(1);
            int arrow = line.indexOf("->  ");
            boolean node =
                    steps.isEmpty() || (arrow >= 0 && line.substring(0, arrow).isBlank());
            if (!node) {
                PlanStep last = steps.remove(steps.size() - 1);
                steps.add(new PlanStep(last.id(), last.parent(), last.detail() + "; " + line.strip()));
                continue;
            }
            int indent = arrow < 0 ? -1 : arrow;
            while (!open.isEmpty() && open.peek()[0] >= indent) {
                open.pop();
            }
            int id = steps.size() + 1;
            steps.add(new PlanStep(
                    id, open.isEmpty() ? 0 : open.peek()[1], (arrow < 0 ? line : line.substring(arrow + 4)).strip()));
            open.push(new int[] {indent, id});
        }
        return steps;
    }

    @Override
    public Restore confineTypedSql(Handle h) throws SQLException {
        Connection connection = h.getConnection();
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try (Statement sql = connection.createStatement()) {
            sql.execute("SET TRANSACTION READ ONLY");
            // The first query takes the transaction's snapshot, after which PostgreSQL refuses to
            // make it read-write (SET TRANSACTION READ WRITE, set_config('transaction_read_only')).
            sql.execute("SELECT 1");
        } catch (SQLException e) {
            restore(connection, autoCommit);
            throw e;
        }
        // Rolled back, not committed: whatever a function managed to change inside is undone.
        return () -> restore(connection, autoCommit);
    }

    private static void restore(Connection connection, boolean autoCommit) throws SQLException {
        try {
            connection.rollback();
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    @Override
    public Optional<String> severalStatements(Handle h, String sql) throws SQLException {
        org.postgresql.core.BaseConnection pg = h.getConnection().unwrap(org.postgresql.core.BaseConnection.class);
        if (pg.getPreferQueryMode() == org.postgresql.jdbc.PreferQueryMode.SIMPLE) {
            // In the simple protocol the server splits each text again with its own scanner.
            return Optional.of("the connection uses preferQueryMode=simple, in which the server, not the driver,"
                    + " splits statements; connect without it to run typed SQL");
        }
        if (!pg.getStandardConformingStrings()) {
            // A backslash would escape a quote, which the lexical guard does not expect.
            return Optional.of("the session has standard_conforming_strings off");
        }
        // pgjdbc sends each statement it finds separately (a server refuses a second one in one
        // prepared statement), so its splitter is the one that decides what runs.
        int statements = org.postgresql.core.Parser.parseJdbcSql(sql, true, false, true, false, false)
                .size();
        return statements > 1
                ? Optional.of("one statement at a time (the PostgreSQL driver reads " + statements + " here)")
                : Optional.empty();
    }

    @Override
    public Optional<String> compiledWrite(Handle h, String sql) {
        // The READ ONLY transaction is PostgreSQL's compiled layer: the server refuses every write
        // (25006) while it plans and runs the statement.
        return Optional.empty();
    }
}
