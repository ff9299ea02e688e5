package dev.runstore.core.query;

import dev.runstore.core.db.Dialect;
import dev.runstore.core.error.InvalidInputException;
import dev.runstore.core.query.SqlLexer.Kind;
import dev.runstore.core.query.SqlLexer.Token;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The lexical layer of {@link ReadOnlySql}: decides from the tokens alone, before anything is
 * prepared, whether a statement may run. Preparing is not harmless in SQLite: some pragmas act
 * while they are compiled ({@code PRAGMA query_only = 0} would switch the guard off before an
 * {@code EXPLAIN} of it returned), so anything that is not plainly a read is refused here. On
 * PostgreSQL the statement then runs in a READ ONLY transaction that is rolled back; what this layer
 * adds there is one statement at a time, and no call of a function whose effect outlives the
 * transaction (a backend signalled, a file written, a lock kept by the session).
 */
final class SqlGuard {
    /** Pragmas that only report, run without an argument. */
    static final Set<String> READ_PRAGMAS = Set.of(
            "table_list",
            "database_list",
            "compile_options",
            "page_count",
            "page_size",
            "freelist_count",
            "journal_mode",
            "user_version",
            "schema_version",
            "application_id",
            "encoding",
            "foreign_keys",
            "collation_list",
            "function_list",
            "pragma_list",
            "module_list",
            "data_version",
            "integrity_check",
            "quick_check",
            "foreign_key_check");

    /** Pragmas whose one argument names a table or index (or, for the checks, bounds the output). */
    static final Set<String> SCHEMA_PRAGMAS = Set.of(
            "table_info",
            "table_xinfo",
            "index_list",
            "index_info",
            "index_xinfo",
            "foreign_key_list",
            "foreign_key_check",
            "integrity_check",
            "quick_check");

    private static final Set<String> CHANGES =
            Set.of("INSERT", "UPDATE", "DELETE", "REPLACE", "DROP", "ALTER", "REINDEX", "ANALYZE", "UPSERT");

    /** Words PostgreSQL's EXPLAIN takes before the statement without parentheses. */
    private static final Set<String> LEGACY_EXPLAIN_OPTIONS = Set.of("ANALYZE", "ANALYSE", "VERBOSE");

    private static final Set<String> TRANSACTIONS =
            Set.of("BEGIN", "COMMIT", "END", "ROLLBACK", "SAVEPOINT", "RELEASE", "START", "ABORT", "PREPARE");

    /**
     * PostgreSQL statements that change a setting, a session or data, or run code; SQLite knows none
     * of them (it would only fail to parse them), so they are refused on both by name.
     */
    private static final Set<String> SERVER_STATEMENTS = Set.of(
            "SET",
            "RESET",
            "DISCARD",
            "COPY",
            "DO",
            "CALL",
            "TRUNCATE",
            "MERGE",
            "GRANT",
            "REVOKE",
            "LOCK",
            "LISTEN",
            "UNLISTEN",
            "NOTIFY",
            "EXECUTE",
            "DEALLOCATE",
            "DECLARE",
            "FETCH",
            "MOVE",
            "CLOSE",
            "CLUSTER",
            "REFRESH",
            "COMMENT",
            "SECURITY",
            "IMPORT",
            "CHECKPOINT",
            "LOAD",
            "REASSIGN");

    /**
     * Functions refused wherever they are called, quoted or not, schema-qualified or not: those
     * whose effect a rolled-back READ ONLY transaction does not undo, and those that run SQL given
     * as a string, which the guard never sees (it could call any function here). A name ending in
     * {@code *} stands for every function whose name starts with what comes before it. Lower case.
     */
    private static final Set<String> REFUSED_FUNCTIONS = Set.of(
            // Run a query written in a string: the guard would not see what it calls.
            "query_to_xml",
            "query_to_xmlschema",
            "query_to_xml_and_xmlschema",
            "cursor_to_xml",
            "cursor_to_xmlschema",
            "ts_stat",
            "ts_rewrite",
            "dblink*", // also a query on another connection, outside this transaction
            // Signal or change other sessions or the server process.
            "pg_terminate_backend",
            "pg_cancel_backend",
            "pg_reload_conf",
            "pg_rotate_logfile",
            "pg_promote",
            "pg_log_backend_memory_contexts",
            "pg_notify",
            "set_config", // a session setting (transaction_read_only) outlives the statement
            // Session-level locks, held after the rollback (the xact ones until it).
            "pg_advisory_*",
            "pg_try_advisory_*",
            // Statistics, WAL, backups and replication: server state no transaction covers.
            "pg_stat_reset*",
            "pg_switch_wal",
            "pg_create_*", // pg_create_restore_point, pg_create_{physical,logical}_replication_slot
            "pg_copy_*", // pg_copy_{physical,logical}_replication_slot
            "pg_drop_replication_slot",
            "pg_replication_*", // pg_replication_slot_advance, pg_replication_origin_*
            "pg_logical_*", // pg_logical_slot_{get,peek}_*changes consume or hold a slot; emit_message
            "pg_sync_replication_slots",
            "pg_backup_*", // pg_backup_start/stop (15+)
            "pg_start_backup",
            "pg_stop_backup",
            "pg_wal_replay_*",
            "pg_import_system_collations",
            // Index maintenance that is not transactional (and not refused in a READ ONLY transaction).
            "brin_summarize_new_values",
            "brin_summarize_range",
            "brin_desummarize_range",
            "gin_clean_pending_list",
            // Server files and large objects (lo_export writes a file; the rest change large objects).
            "lo_*",
            "pg_file_*",
            // SQLite: native code (refused again by the compiled layer).
            "load_extension");

    /**
     * A statement that passed: {@code text} as it will be prepared (no trailing ';' or comment),
     * {@code compiled} what the compiled layer must EXPLAIN (the statement an EXPLAIN explains),
     * and whether it is a query that can be wrapped as a subquery ({@code SELECT count(*) FROM (…)}).
     */
    record Checked(String text, String compiled, boolean query) {}

    private SqlGuard() {}

    /**
     * @throws SqlRefusedException when the statement could write, or is more than one
     * @throws InvalidInputException when there is no statement at all
     */
    static Checked check(String sql) {
        return check(sql, Dialect.SQLITE);
    }

    /** {@link #check(String)} with the quoting of the engine the statement will run on. */
    static Checked check(String sql, Dialect dialect) {
        List<Token> tokens = SqlLexer.tokens(sql, dialect);
        int end = 0;
        while (end < tokens.size() && !tokens.get(end).is(';')) {
            end++;
        }
        for (int i = end; i < tokens.size(); i++) {
            if (!tokens.get(i).is(';')) {
                throw new SqlRefusedException("one statement at a time (a second one starts at character "
                        + (tokens.get(i).start() + 1) + ")");
            }
        }
        if (end == 0) {
            throw new InvalidInputException("invalid SQL: there is no statement; type one, e.g. SELECT 1");
        }
        List<Token> statement = tokens.subList(0, end);
        refuseParameters(statement);
        if (dialect == Dialect.POSTGRESQL) {
            refuseUnicodeEscapes(statement);
        }
        refuseFunctions(statement);
        return check(sql, statement, dialect);
    }

    /**
     * PostgreSQL's {@code U&"…"} and {@code U&'…'} spell a name or string with escapes ({@code
     * U&"pg_terminate\005fbackend"}, {@code UESCAPE '!'}): the guard would compare the escapes, not
     * the name the server reads, so they are refused rather than decoded.
     */
    private static void refuseUnicodeEscapes(List<Token> statement) {
        for (Token token : statement) {
            if ((token.kind() == Kind.QUOTED || token.kind() == Kind.STRING)
                    && token.text().regionMatches(true, 0, "U&", 0, 2)) {
                throw new SqlRefusedException("U&\"…\" and U&'…' (Unicode escapes, at character " + (token.start() + 1)
                        + ") are not read here; write the characters themselves");
            }
        }
    }

    /**
     * Typed SQL has nothing to bind a parameter to, and SQLite reads {@code $name(…)} as one
     * parameter up to its closing parenthesis, across quotes and semicolons this tokenizer would
     * see: refusing them keeps the two readings of a statement the same.
     */
    private static void refuseParameters(List<Token> statement) {
        for (Token token : statement) {
            if (token.kind() == SqlLexer.Kind.PARAMETER) {
                throw new InvalidInputException("invalid SQL: parameter " + token.text() + " at character "
                        + (token.start() + 1) + " cannot be bound here; write the value in the statement");
            }
        }
    }

    private static Checked check(String sql, List<Token> t, Dialect dialect) {
        String text = sql.substring(t.get(0).start(), t.get(t.size() - 1).end());
        String first = t.get(0).keyword();
        switch (first) {
            case "SELECT", "VALUES" -> {
                return new Checked(text, text, true);
            }
            case "WITH" -> {
                refuseChangeAtDepthZero(t);
                return new Checked(text, text, true);
            }
            case "EXPLAIN" -> {
                int from = t.size() > 2
                                && t.get(1).keyword().equals("QUERY")
                                && t.get(2).keyword().equals("PLAN")
                        ? 3
                        : afterExplainOptions(t);
                if (dialect == Dialect.POSTGRESQL) {
                    // PostgreSQL's older form, EXPLAIN ANALYZE VERBOSE stmt: options, not a statement
                    // (ANALYZE there runs the statement, which is then checked like any other).
                    while (from < t.size()
                            && LEGACY_EXPLAIN_OPTIONS.contains(t.get(from).keyword())) {
                        from++;
                    }
                }
                if (from >= t.size()) {
                    throw new InvalidInputException("invalid SQL: EXPLAIN needs a statement to explain");
                }
                return new Checked(
                        text, check(sql, t.subList(from, t.size()), dialect).compiled(), false);
            }
            case "PRAGMA" -> {
                checkPragma(t);
                return new Checked(text, text, false);
            }
            case "CREATE" -> {
                String next = t.size() > 1 ? t.get(1).keyword() : "";
                if (next.equals("TEMP") || next.equals("TEMPORARY")) {
                    throw new SqlRefusedException("CREATE " + next
                            + " writes a temporary table or view; use WITH for an intermediate result");
                }
                throw new SqlRefusedException("CREATE would change the database");
            }
            case "ATTACH" -> throw new SqlRefusedException("ATTACH would open or create another file");
            case "DETACH" -> throw new SqlRefusedException("DETACH would change the connection's databases");
            case "VACUUM" -> {
                if (t.stream().anyMatch(token -> token.keyword().equals("INTO"))) {
                    throw new SqlRefusedException("VACUUM INTO writes a new file; use 'runstore backup' for a copy");
                }
                throw new SqlRefusedException("VACUUM would rewrite the database");
            }
            default -> {
                if (CHANGES.contains(first)) {
                    throw new SqlRefusedException(first + " would change the database");
                }
                if (SERVER_STATEMENTS.contains(first)) {
                    throw new SqlRefusedException(first + " could change a setting, the session or the database;"
                            + " only SELECT, WITH, VALUES, EXPLAIN and reading PRAGMAs run here");
                }
                if (TRANSACTIONS.contains(first)) {
                    throw new SqlRefusedException(
                            first + " controls a transaction; runstore runs each statement in a read of its own");
                }
                // Not the start of any SQLite statement: preparing it only fails to parse, and
                // SQLite's own syntax error says more than ours would.
                return new Checked(text, text, false);
            }
        }
    }

    /**
     * Where the explained statement starts after PostgreSQL's {@code EXPLAIN (option, …)}; ANALYZE
     * there runs the statement, which the guard then checks like any other.
     */
    private static int afterExplainOptions(List<Token> t) {
        if (t.size() < 2 || !t.get(1).is('(')) {
            return 1;
        }
        for (int i = 2; i < t.size(); i++) {
            if (t.get(i).is(')')) {
                return i + 1;
            }
        }
        throw new InvalidInputException("invalid SQL: EXPLAIN's options are not closed with ')'");
    }

    /** A call, quoted or not, of one of {@link #REFUSED_FUNCTIONS}. */
    private static void refuseFunctions(List<Token> t) {
        for (int i = 0; i + 1 < t.size(); i++) {
            String name = t.get(i).name().toLowerCase(Locale.ROOT);
            if (t.get(i + 1).is('(') && refused(name)) {
                throw new SqlRefusedException(
                        name.equals("load_extension")
                                ? "load_extension loads native code"
                                : name + "() acts outside the statement's read-only transaction or runs SQL"
                                        + " written in a string");
            }
        }
    }

    static boolean refused(String function) {
        if (REFUSED_FUNCTIONS.contains(function)) {
            return true;
        }
        for (String refused : REFUSED_FUNCTIONS) {
            if (refused.endsWith("*") && function.startsWith(refused.substring(0, refused.length() - 1))) {
                return true;
            }
        }
        return false;
    }

    /** WITH … DELETE/INSERT/UPDATE/REPLACE: a CTE in front of a write. replace(…) is the function. */
    private static void refuseChangeAtDepthZero(List<Token> t) {
        int depth = 0;
        for (int i = 0; i < t.size(); i++) {
            Token token = t.get(i);
            if (token.is('(')) {
                depth++;
            } else if (token.is(')')) {
                depth--;
            } else if (depth == 0) {
                String keyword = token.keyword();
                boolean call = i + 1 < t.size() && t.get(i + 1).is('(');
                if (Set.of("INSERT", "UPDATE", "DELETE").contains(keyword) || (keyword.equals("REPLACE") && !call)) {
                    throw new SqlRefusedException("WITH … " + keyword + " would change the database");
                }
            }
        }
    }

    /** PRAGMA [schema.]name, or PRAGMA [schema.]name(arg) for the schema pragmas; nothing else. */
    private static void checkPragma(List<Token> t) {
        int i = 1;
        if (t.size() > i + 2 && t.get(i + 1).is('.')) {
            i += 2; // a schema name: main, temp, or an attached one
        }
        if (i >= t.size() || !(t.get(i).kind() == Kind.WORD || t.get(i).kind() == Kind.QUOTED)) {
            throw new InvalidInputException("invalid SQL: PRAGMA needs a name, e.g. PRAGMA table_list");
        }
        String name = t.get(i).name().toLowerCase(Locale.ROOT);
        List<Token> rest = t.subList(i + 1, t.size());
        if (rest.isEmpty()) {
            if (!READ_PRAGMAS.contains(name) && !SCHEMA_PRAGMAS.contains(name)) {
                throw new SqlRefusedException("PRAGMA " + name + " is not one of the reading pragmas runstore allows");
            }
            return;
        }
        boolean oneArgument = rest.size() == 3
                && rest.get(0).is('(')
                && rest.get(2).is(')')
                && rest.get(1).kind() != Kind.SYMBOL;
        if (oneArgument && SCHEMA_PRAGMAS.contains(name)) {
            return;
        }
        String form = rest.get(0).is('=') ? " = …" : rest.get(0).is('(') ? "(…)" : " …";
        throw new SqlRefusedException("PRAGMA " + name + form + " changes settings; only reading pragmas are allowed");
    }
}
