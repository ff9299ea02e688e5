package dev.runstore.core.db;

import dev.runstore.core.error.DbException;
import dev.runstore.core.error.ErrorCode;
import dev.runstore.core.error.NotFoundException;
import dev.runstore.core.time.UtcTime;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Handle;

/** SQLite's side of {@link Engine}: {@code sqlite_schema}, PRAGMAs, {@code dbstat}, EXPLAIN QUERY PLAN. */
final class SqliteEngine extends Engine {
    /** "SCAN e" reads a table (or a subquery's rows) front to back without an index. */
    private static final Pattern SCAN = Pattern.compile("^SCAN (\\w+)$");

    private static final Pattern CO_ROUTINE = Pattern.compile("^CO-ROUTINE (\\w+)$");

    private static final String USER_OBJECTS = " name NOT LIKE 'sqlite\\_%' ESCAPE '\\'";

    private final DatabaseConfig config;
    private final Path file;

    SqliteEngine(DatabaseConfig config) {
        this.config = config;
        this.file = config.path().toAbsolutePath();
    }

    @Override
    public Dialect dialect() {
        return Dialect.SQLITE;
    }

    @Override
    public List<String> tables(Handle h) {
        return h.createQuery(
                        "SELECT name FROM sqlite_schema WHERE type = 'table' AND" + USER_OBJECTS + " ORDER BY name")
                .mapTo(String.class)
                .list();
    }

    @Override
    public Optional<Map<String, Long>> sizes(Handle h) {
        boolean dbstat = h.createQuery("SELECT count(*) FROM pragma_module_list WHERE name = 'dbstat'")
                        .mapTo(Integer.class)
                        .one()
                > 0;
        if (!dbstat) {
            return Optional.empty();
        }
        Map<String, Long> sizes = new LinkedHashMap<>();
        h.createQuery("SELECT name, sum(pgsize) AS bytes FROM dbstat GROUP BY name ORDER BY name")
                .map((rs, ctx) -> Map.entry(rs.getString("name"), rs.getLong("bytes")))
                .forEach(e -> sizes.put(e.getKey(), e.getValue()));
        return Optional.of(sizes);
    }

    @Override
    public List<Check> checks(Handle h) {
        List<Check> checks = new ArrayList<>();
        String mode = h.createQuery("PRAGMA journal_mode").mapTo(String.class).one();
        checks.add(
                "wal".equalsIgnoreCase(mode)
                        ? new Check("journal mode", true, "wal")
                        : new Check(
                                "journal mode",
                                false,
                                mode + "; open the database read-write once with runstore to switch it to WAL"));
        checks.add(
                h.createQuery("PRAGMA foreign_keys").mapTo(Integer.class).one() == 1
                        ? new Check("foreign keys", true, "enforced on runstore's connections")
                        : new Check("foreign keys", false, "off; this is a runstore bug, please report it"));
        List<String> integrity =
                h.createQuery("PRAGMA quick_check").mapTo(String.class).list();
        checks.add(
                integrity.equals(List.of("ok"))
                        ? new Check("quick_check", true, "ok")
                        : new Check(
                                "quick_check",
                                false,
                                String.join("; ", integrity.subList(0, Math.min(5, integrity.size())))
                                        + "; restore the database from a backup"));
        List<String> orphans = h.createQuery("PRAGMA foreign_key_check")
                .map((rs, ctx) -> rs.getString(1) + " row " + rs.getLong(2) + " -> " + rs.getString(3))
                .list();
        checks.add(
                orphans.isEmpty()
                        ? new Check("foreign_key_check", true, "no orphan rows")
                        : new Check(
                                "foreign_key_check",
                                false,
                                orphans.size() + " orphan rows, e.g. "
                                        + String.join(", ", orphans.subList(0, Math.min(5, orphans.size())))));
        return checks;
    }

    @Override
    public Optional<Boolean> indexUnique(Handle h, String table, String index) {
        return h.createQuery("SELECT \"unique\" FROM pragma_index_list(:table) WHERE name = :name")
                .bind("table", table)
                .bind("name", index)
                .mapTo(Boolean.class)
                .findOne();
    }

    @Override
    public List<String> indexColumns(Handle h, String index) {
        return h.createQuery("SELECT name FROM pragma_index_xinfo(:name) WHERE key = 1 ORDER BY seqno")
                .bind("name", index)
                .mapTo(String.class)
                .list();
    }

    @Override
    public List<String> plan(Handle h, String sql, Map<String, Object> parameters) {
        var explain = h.createQuery("EXPLAIN QUERY PLAN " + sql);
        parameters.forEach(explain::bind);
        return explain.map((rs, ctx) -> rs.getString("detail")).list();
    }

    @Override
    List<String> planPositional(Handle h, String sql, List<Object> parameters) {
        var explain = h.createQuery("EXPLAIN QUERY PLAN " + sql);
        for (int i = 0; i < parameters.size(); i++) {
            explain.bind(i, parameters.get(i));
        }
        return explain.map((rs, ctx) -> rs.getString("detail")).list();
    }

    @Override
    public boolean servedByIndex(List<String> plan, String index, List<String> siblings) {
        // "USING INDEX x" / "USING COVERING INDEX x"
        Pattern uses = Pattern.compile("INDEX (" + Pattern.quote(index) + ")\\b");
        boolean usesIndex = plan.stream().anyMatch(step -> uses.matcher(step).find());
        // Scanning a co-routine reads a bounded subquery result (a LIMITed branch), not a table.
        List<String> coRoutines = plan.stream()
                .map(step -> CO_ROUTINE.matcher(step.strip()))
                .filter(Matcher::matches)
                .map(m -> m.group(1))
                .toList();
        boolean fullScan = plan.stream()
                .map(step -> SCAN.matcher(step.strip()))
                .anyMatch(m -> m.matches() && !coRoutines.contains(m.group(1)));
        return usesIndex && !fullScan;
    }

    @Override
    public List<String> resetDrops(Statement sql) throws SQLException {
        // foreign_keys cannot change inside a transaction; defer_foreign_keys can, and lasts until
        // the COMMIT, when no table (and so no violation) is left.
        List<String> drops = new ArrayList<>(List.of("PRAGMA defer_foreign_keys = ON"));
        try (var rows = sql.executeQuery("SELECT type, name FROM sqlite_schema WHERE" + USER_OBJECTS
                + " AND type IN ('view', 'trigger', 'table') ORDER BY type DESC")) {
            while (rows.next()) {
                drops.add("DROP " + rows.getString(1).toUpperCase(Locale.ROOT) + " IF EXISTS "
                        + Identifiers.quote(rows.getString(2)));
            }
        }
        return drops;
    }

    @Override
    public String beginExclusive() {
        return "BEGIN IMMEDIATE";
    }

    @Override
    public boolean canBackUp() {
        return true;
    }

    @Override
    public boolean needsMigrationLock() {
        return true;
    }

    @Override
    public Map<String, String> placeholders() {
        return Map.of("id_pk", "INTEGER PRIMARY KEY", "ts", "TEXT");
    }

    @Override
    public Object timeArgument(Instant utc) {
        return UtcTime.toSqlText(utc); // runstore's UTC text, prepared off the write lock
    }

    @Override
    public void bindTime(java.sql.PreparedStatement statement, int index, Object timeArgument)
            throws java.sql.SQLException {
        statement.setString(index, (String) timeArgument);
    }

    @Override
    public boolean nullsSortFirst() {
        return true;
    }

    @Override
    public String parameterFor(String declaredType) {
        return "?"; // a comparison applies the column's affinity to the parameter: '5' finds 5
    }

    @Override
    public String likeIgnoringCase(String expression) {
        // SQLite's LIKE ignores case (of ASCII letters) already; CAST lets it match numbers' text.
        return "CAST(" + expression + " AS TEXT) LIKE ? ESCAPE '\\'";
    }

    @Override
    public Optional<String> inKeyOrderWithoutIndexes(String quotedTable) {
        return Optional.of(quotedTable + " NOT INDEXED");
    }

    @Override
    public boolean sortsWithoutIndex(List<String> plan) {
        // "FOR ORDER BY" sorts every row; "FOR LAST TERM OF ORDER BY" only orders ties of an index's order.
        return plan.stream().anyMatch(step -> step.contains("USE TEMP B-TREE FOR ORDER BY"));
    }

    @Override
    public String timeBucket(String column, java.time.temporal.ChronoUnit unit) {
        // runstore's UTC text (YYYY-MM-DD HH:MM:SS.ffffff): a prefix is the bucket.
        int length = switch (unit) {
            case MINUTES -> 16;
            case HOURS -> 13;
            case DAYS -> 10;
            default -> throw new IllegalArgumentException("buckets are minutes, hours or days, not " + unit);
        };
        return "substr(" + column + ", 1, " + length + ")";
    }

    @Override
    public String version(Handle h) {
        return "SQLite "
                + h.createQuery("SELECT sqlite_version()").mapTo(String.class).one();
    }

    @Override
    public String journalMode(Handle h) {
        return h.createQuery("PRAGMA journal_mode").mapTo(String.class).one();
    }

    @Override
    public long sizeOnDisk(Handle h) {
        return sizeOf(file);
    }

    @Override
    public Optional<Long> walSize() {
        Path wal = file.resolveSibling(file.getFileName() + "-wal");
        return Files.exists(wal) ? Optional.of(sizeOf(wal)) : Optional.empty();
    }

    private static long sizeOf(Path path) {
        try {
            return Files.size(path);
        } catch (java.io.IOException e) {
            return 0; // gone between the check and the read: a checkpoint removed it
        }
    }

    @Override
    public Optional<Path> payloadFolder() {
        return Optional.of(file.resolveSibling(file.getFileName() + ".blobs"));
    }

    @Override
    ConnectionSource connections() {
        return new SqliteConnections(config);
    }

    @Override
    String probe() {
        return "SELECT count(*) FROM sqlite_schema";
    }

    @Override
    void checkTarget() {
        if (Files.isDirectory(file)) {
            throw new DbException(
                    ErrorCode.INVALID_CONFIG,
                    "\"" + file + "\" is a folder, not a database file; give the path of a file inside it");
        }
        if (config.mode() == AccessMode.READ_ONLY && !Files.isRegularFile(file)) {
            throw new NotFoundException(
                    "database file",
                    file.toString(),
                    "database file \"" + file
                            + "\" does not exist; check the path (a read-only open never creates a database)");
        }
        Path folder = file.getParent();
        if (config.mode() == AccessMode.READ_WRITE && folder != null && !Files.isDirectory(folder)) {
            throw new DbException(
                    ErrorCode.INVALID_CONFIG,
                    "folder \"" + folder + "\" does not exist; create it first or choose another path");
        }
    }

    @Override
    String shortName() {
        return file.getFileName() == null ? file.toString() : file.getFileName().toString();
    }

    // ---- read-only SQL a person typed ------------------------------------------------------------

    /** Opcodes that write a database file, the schema or a setting, whatever their operands. */
    private static final java.util.Set<String> WRITING_OPCODES = java.util.Set.of(
            "OpenWrite",
            "Vacuum",
            "VUpdate",
            "VCreate",
            "VDestroy",
            "VRename",
            "CreateBtree",
            "Destroy",
            "Clear",
            "ParseSchema",
            "SetCookie",
            "DropTable",
            "DropIndex",
            "DropTrigger",
            "IncrVacuum",
            "Checkpoint",
            "AutoCommit",
            "Savepoint",
            "SqlExec",
            "LoadAnalysis");

    /** Opcodes that write rows: harmless on a cursor of scratch space (UNION, DISTINCT, a CTE's queue). */
    private static final java.util.Set<String> ROW_WRITES =
            java.util.Set.of("Insert", "Delete", "IdxInsert", "IdxDelete");

    private static final java.util.Set<String> SCRATCH_CURSORS =
            java.util.Set.of("OpenEphemeral", "OpenAutoindex", "OpenDup", "SorterOpen", "OpenPseudo");

    private static final java.util.Set<String> WRITING_FUNCTIONS =
            java.util.Set.of("load_extension", "sqlite_attach", "sqlite_detach");

    @Override
    public String explainPlan(String sql) {
        return "EXPLAIN QUERY PLAN " + sql;
    }

    @Override
    public List<PlanStep> planSteps(java.sql.ResultSet rows) throws SQLException {
        List<PlanStep> steps = new ArrayList<>();
        while (rows.next()) {
            steps.add(new PlanStep(rows.getInt("id"), rows.getInt("parent"), rows.getString("detail")));
        }
        return steps;
    }

    @Override
    public Restore confineTypedSql(Handle h) throws SQLException {
        org.sqlite.core.DB sqlite =
                h.getConnection().unwrap(org.sqlite.SQLiteConnection.class).getDatabase();
        int attached = org.sqlite.SQLiteLimits.SQLITE_LIMIT_ATTACHED.getId();
        int before = sqlite.limit(attached, 0); // an ATTACH that slipped through fails: "too many attached"
        return () -> sqlite.limit(attached, before);
    }

    @Override
    public Optional<String> severalStatements(Handle h, String sql) {
        // sqlite3_prepare_v2 compiles the first statement and leaves the tail unrun; compiledWrite
        // EXPLAINs exactly that statement.
        return Optional.empty();
    }

    @Override
    public Optional<String> compiledWrite(Handle h, String sql) throws SQLException {
        record Op(String opcode, int p1, int p2, int p3, String p4) {}
        List<Op> program = new ArrayList<>();
        try (Statement explain = h.getConnection().createStatement();
                var rows = explain.executeQuery("EXPLAIN " + sql)) {
            while (rows.next()) {
                program.add(new Op(
                        rows.getString("opcode"),
                        rows.getInt("p1"),
                        rows.getInt("p2"),
                        rows.getInt("p3"),
                        String.valueOf(rows.getString("p4"))));
            }
        }
        java.util.Set<Integer> scratch = new java.util.HashSet<>();
        program.stream().filter(op -> SCRATCH_CURSORS.contains(op.opcode())).forEach(op -> scratch.add(op.p1()));
        for (Op op : program) {
            String code = op.opcode();
            boolean writes = WRITING_OPCODES.contains(code)
                    || (code.equals("Transaction") && op.p2() != 0)
                    || (code.equals("JournalMode") && op.p3() != -1) // -1 only asks for the mode
                    || (ROW_WRITES.contains(code) && !scratch.contains(op.p1()))
                    || ((code.equals("Function") || code.equals("PureFunc"))
                            && WRITING_FUNCTIONS.contains(
                                    op.p4().replaceFirst("\\(.*$", "").toLowerCase(Locale.ROOT)));
            if (writes) {
                return Optional.of("the compiled statement writes (SQLite opcode " + code + ")");
            }
        }
        return Optional.empty();
    }
}
