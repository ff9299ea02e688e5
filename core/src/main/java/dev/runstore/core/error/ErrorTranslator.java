package dev.runstore.core.error;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jdbi.v3.core.JdbiException;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * Turns driver and Jdbi exceptions into runstore's domain errors. It is the only place that
 * classifies a {@link SQLException}: SQLite by its (extended) result code, PostgreSQL by SQLSTATE.
 *
 * <p>Messages name the database and the rule that was broken, never the bound values, so that JSON
 * payloads and params cannot leak into logs.
 */
public final class ErrorTranslator {
    /** Bounds the cause walk, as HikariCP does, in case a driver builds a cyclic chain. */
    private static final int MAX_CAUSE_DEPTH = 10;

    // SQLite: "UNIQUE constraint failed: runs.name, runs.source"
    private static final Pattern SQLITE_CONSTRAINT =
            Pattern.compile("(UNIQUE|NOT NULL|CHECK|FOREIGN KEY) constraint failed(?:: ([^)\\]]+))?");

    private static final Pattern QUOTED = Pattern.compile("constraint \"([^\"]+)\"");

    // PostgreSQL: the severity pgjdbc puts before the server's sentence ("ERROR: ", "FATAL: ")
    private static final Pattern SEVERITY = Pattern.compile("^[A-Z]+:\\s+");

    // PostgreSQL detail: "Key (run_id, seq)=(1, 2) already exists." — the columns only
    private static final Pattern KEY_COLUMNS = Pattern.compile("^Key \\((.+?)\\)=\\(");

    // PostgreSQL: "null value in column \"name\" of relation \"runs\" violates not-null constraint"
    private static final Pattern NOT_NULL_COLUMN =
            Pattern.compile("null value in column \"([^\"]+)\" of relation \"([^\"]+)\"");

    // PostgreSQL context: "while updating tuple (0,1) in relation \"runs\""
    private static final Pattern RELATION = Pattern.compile("in relation \"([^\"]+)\"");

    private static final Pattern DATABASE_NAME = Pattern.compile("database \"([^\"]+)\"");

    private final String database;
    private final Duration busyTimeout;

    /**
     * @param database how messages name the database (its file name or URL without credentials)
     * @param busyTimeout the busy timeout in force, quoted in {@link BusyException} messages
     */
    public ErrorTranslator(String database, Duration busyTimeout) {
        this.database = Objects.requireNonNull(database, "database");
        this.busyTimeout = Objects.requireNonNull(busyTimeout, "busyTimeout");
    }

    /**
     * Returns the domain error for {@code failure}. A {@link DbException} is returned unchanged; an
     * exception with no SQL cause becomes a generic {@link DbException} that keeps it as cause.
     */
    public DbException translate(Throwable failure) {
        if (failure instanceof DbException db) {
            return db;
        }
        SQLException sql = findSqlException(failure);
        if (sql == null) {
            return new DbException(
                    ErrorCode.FAILED, "database operation on " + quoted() + " failed: " + describe(failure), failure);
        }
        if (sql instanceof SQLiteException sqlite) {
            return translateSqlite(sqlite, failure);
        }
        DbException session = translateServerSession(sql, failure);
        return session != null ? session : translateSqlState(sql, failure);
    }

    // sqlite-jdbc: "[SQLITE_ERROR] SQL error or missing database (near "SELEC": syntax error)"
    private static final Pattern SQLITE_REASON = Pattern.compile("^\\[SQLITE_[A-Z_]+\\][^(]*\\((.*)\\)$");

    /**
     * {@link #translate} for SQL a person typed (runstore query, the console's SQL panel): a
     * statement SQLite cannot compile or run (SQLITE_ERROR: a syntax error, no such table or
     * function) or PostgreSQL class 42 is bad input, quoting the engine's reason.
     */
    public DbException translateTypedSql(Throwable failure) {
        SQLException sql = findSqlException(failure);
        boolean invalid = sql instanceof SQLiteException sqlite
                ? (sqlite.getResultCode().code & 0xff) == 1
                : sql != null && String.valueOf(sql.getSQLState()).startsWith("42");
        String state = sql == null ? "" : String.valueOf(sql.getSQLState());
        if (state.equals("25006") || state.equals("25001")) {
            // PostgreSQL's READ ONLY transaction refused a write (25006) or a switch to read-write
            // (25001) that slipped past the lexical guard: a refusal, as the guard's own are.
            return new OperationRefusedException("runstore runs read-only SQL: the server refused a write ("
                    + SEVERITY.matcher(firstLine(sql.getMessage())).replaceFirst("") + "); nothing was changed");
        }
        if (!invalid) {
            return translate(failure);
        }
        String line = firstLine(sql.getMessage());
        Matcher m = SQLITE_REASON.matcher(line);
        String reason = m.matches() ? m.group(1) : SEVERITY.matcher(line).replaceFirst("");
        return new InvalidInputException("invalid SQL: " + reason, failure);
    }

    /**
     * The failures of a server connection rather than of a statement: it cannot be opened (class
     * 08), the server refuses the login (class 28) or has no such database (3D000), or the server
     * ends or refuses the session because it shuts down, restarts or is full (57P01-57P03, 53300).
     * Null for every other SQLSTATE.
     */
    private DbException translateServerSession(SQLException e, Throwable original) {
        String state = String.valueOf(e.getSQLState());
        if (state.equals("08001") || state.equals("08004")) { // could not connect, or the server rejected it
            return new UnavailableException(
                    "cannot connect to the PostgreSQL server of " + quoted() + " (" + detail(e)
                            + "); nothing was read or written",
                    original);
        }
        switch (state) {
            case "57P01": // admin_shutdown: pg_ctl stop or restart, fast mode
            case "57P02": // crash_shutdown: another backend crashed, or immediate mode
            case "57P03": // cannot_connect_now: the server is starting up or shutting down
            case "53300": // too_many_connections: every connection slot is taken
                return lost(e, original);
            case "28P01": // invalid_password
            case "28000": // invalid_authorization_specification: unknown role, no pg_hba.conf rule
                return new AccessDeniedException(
                        "the PostgreSQL server of " + quoted() + " refused the login (" + detail(e)
                                + "); nothing was read or written",
                        original);
            case "3D000": // invalid_catalog_name: the database in the URL does not exist
                String name = quotedDatabaseName(e);
                return new NotFoundException(
                        "PostgreSQL database",
                        name,
                        "the PostgreSQL database " + name + " of " + quoted()
                                + " does not exist; check --db (or RUNSTORE_DB), or create the database first");
            default:
                // The rest of class 08: the connection broke (08006, 08003) or spoke nonsense (08P01).
                return state.startsWith("08") ? lost(e, original) : null;
        }
    }

    private UnavailableException lost(SQLException e, Throwable original) {
        return new UnavailableException(
                "the PostgreSQL server of " + quoted() + " ended or refused the connection (" + detail(e)
                        + "); a transaction" + " in flight was rolled back unless its commit had reached the server",
                original);
    }

    /** PostgreSQL's "FATAL: database "x" does not exist" quotes the name. */
    private static String quotedDatabaseName(SQLException e) {
        Matcher m = DATABASE_NAME.matcher(firstLine(e.getMessage()));
        return m.find() ? "\"" + m.group(1) + "\"" : "(unnamed)";
    }

    private DbException translateSqlite(SQLiteException e, Throwable original) {
        SQLiteErrorCode code = e.getResultCode();
        int primary = code.code & 0xff;
        switch (primary) {
            case 5: // SQLITE_BUSY: another connection held the lock for the whole busy_timeout
            case 6: // SQLITE_LOCKED: a conflict inside one shared-cache connection
                return busy(original);
            case 8: // SQLITE_READONLY: read-only file, read-only open mode, or query_only connection
                return new IncompatibleDatabaseException(
                        "cannot write to " + quoted() + ": the connection or file is read-only (" + detail(e)
                                + "); write through Database.write on a database opened read-write, and check the"
                                + " file's permissions",
                        original);
            case 9: // SQLITE_INTERRUPT: sqlite3_interrupt, from Statement.cancel or a Cancellation
                return new CancelledException("the query on " + quoted() + " was cancelled", original);
            case 14: // SQLITE_CANTOPEN
                return new IncompatibleDatabaseException(
                        "cannot open database file " + quoted() + " (" + detail(e)
                                + "); check that its folder exists and is readable and writable",
                        original);
            case 26: // SQLITE_NOTADB
                return new IncompatibleDatabaseException(
                        quoted() + " is not a SQLite database; check the path, or move the file aside to create a"
                                + " new database",
                        original);
            case 11: // SQLITE_CORRUPT
                return new IncompatibleDatabaseException(
                        "database " + quoted() + " is corrupt (" + detail(e) + "); restore it from a backup", original);
            case 19: // SQLITE_CONSTRAINT: the extended code says which kind
                return constraint(code, e, original);
            case 13: // SQLITE_FULL: the disk, or the database's max_page_count, is full
                return new DbException(
                        ErrorCode.FAILED,
                        "database " + quoted() + " is full (the disk or its size limit); nothing of this transaction"
                                + " was written — free disk space and retry",
                        original);
            case 10: // SQLITE_IOERR: the file system failed a read or write
                return new DbException(
                        ErrorCode.FAILED,
                        "reading or writing " + quoted() + " failed (" + detail(e) + "); nothing of this"
                                + " transaction was written — check the disk and retry",
                        original);
            default:
                return new DbException(
                        ErrorCode.FAILED, "database operation on " + quoted() + " failed: " + detail(e), original);
        }
    }

    private DbException constraint(SQLiteErrorCode code, SQLiteException e, Throwable original) {
        // sqlite-jdbc wraps SQLite's text: "[CODE] A UNIQUE constraint failed (UNIQUE constraint failed: t.c)"
        Matcher m = SQLITE_CONSTRAINT.matcher(String.valueOf(e.getMessage()));
        String where = "";
        while (where.isEmpty() && m.find()) {
            where = m.group(2) == null ? "" : m.group(2).trim();
        }
        switch (code) {
            case SQLITE_CONSTRAINT_UNIQUE:
            case SQLITE_CONSTRAINT_PRIMARYKEY:
                return conflict(where, original);
            case SQLITE_CONSTRAINT_FOREIGNKEY:
                // SQLite does not say which key; with deferred checks it fails only at commit.
                return new ConstraintException(
                        ConstraintException.Kind.FOREIGN_KEY,
                        "",
                        "a foreign key constraint failed in " + quoted()
                                + ": the row refers to a row that does not exist, or a row that is still referred"
                                + " to was deleted; write the referenced row first",
                        original);
            case SQLITE_CONSTRAINT_NOTNULL:
                return new ConstraintException(
                        ConstraintException.Kind.NOT_NULL,
                        where,
                        orUnknown(where, "a column") + " must not be null (NOT NULL constraint); give it a value",
                        original);
            case SQLITE_CONSTRAINT_CHECK:
                return new ConstraintException(
                        ConstraintException.Kind.CHECK,
                        where,
                        "CHECK constraint " + orUnknown(where, "(unnamed)")
                                + " failed; use one of the values the column allows",
                        original);
            default:
                return new ConstraintException(
                        ConstraintException.Kind.OTHER,
                        where,
                        "a constraint failed in " + quoted() + " (" + detail(e) + "); fix the value and retry",
                        original);
        }
    }

    /**
     * A write's transaction that the engine ended or aborted at a failed statement which the
     * callback caught ({@code cause}, the last failed statement of that transaction runstore saw,
     * or null): the failure itself where it ends every transaction (a full disk, a lost session),
     * else why nothing more runs in it.
     */
    public DbException transactionEnded(SQLException cause) {
        if (cause != null && abortsTransaction(cause)) {
            return translate(cause);
        }
        return new DbException(
                ErrorCode.FAILED,
                "the write transaction on " + quoted() + " was rolled back by a statement that failed in it"
                        + " (ON CONFLICT ROLLBACK, RAISE(ROLLBACK), a full disk; any error on PostgreSQL), so nothing"
                        + " of that write is stored and nothing more runs in it; let such a failure end the write,"
                        + " then retry",
                cause);
    }

    /**
     * Whether {@code failure} ended the whole transaction, not only the statement: SQLite rolls
     * back by itself after a full disk, an I/O error or running out of memory; a PostgreSQL
     * session that broke or that the server ended (class 08, 57P01-57P03) has no transaction left. A group commit then cannot
     * keep the other units of the group.
     */
    public static boolean abortsTransaction(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof org.sqlite.SQLiteException sqlite) {
                int primary = sqlite.getResultCode().code & 0xff;
                return primary == 13 || primary == 10 || primary == 7; // FULL, IOERR, NOMEM
            }
            if (t instanceof SQLException sql && endsSession(String.valueOf(sql.getSQLState()))) {
                return true;
            }
        }
        return false;
    }

    /** A PostgreSQL session the connection lost or the server ended: nothing of it is left. */
    private static boolean endsSession(String state) {
        return state.startsWith("08") || state.equals("57P01") || state.equals("57P02") || state.equals("57P03");
    }

    /** {@code where}: "runs.name" or "events.run_id, events.seq", as SQLite reports a unique violation. */
    private static ConflictException conflict(String where, Throwable original) {
        String table = "";
        List<String> columns = new ArrayList<>();
        for (String qualified : where.split(",")) {
            String name = qualified.trim();
            int dot = name.indexOf('.');
            if (dot > 0) {
                table = name.substring(0, dot);
                columns.add(name.substring(dot + 1));
            } else if (!name.isEmpty()) {
                columns.add(name);
            }
        }
        return ConflictException.of(table, columns, List.of(), original);
    }

    private DbException translateSqlState(SQLException e, Throwable original) {
        String state = String.valueOf(e.getSQLState());
        ServerErrorMessage server = serverError(e);
        switch (state) {
            case "23505": // unique_violation
                return postgresConflict(server, e, original);
            case "23503": // foreign_key_violation
                return postgresConstraint(ConstraintException.Kind.FOREIGN_KEY, server, e, original);
            case "23502": // not_null_violation
                return postgresConstraint(ConstraintException.Kind.NOT_NULL, server, e, original);
            case "23514": // check_violation
                return postgresConstraint(ConstraintException.Kind.CHECK, server, e, original);
            case "25006": // read_only_sql_transaction: a write on a read connection
                return postgresReadOnly(server, e, original);
            case "57014": // query_canceled: Statement.cancel or statement_timeout
                return new CancelledException("the query on " + quoted() + " was cancelled", original);
            case "40001": // serialization_failure
                return serializationFailure(server, e, original);
            case "40P01": // deadlock_detected
                return deadlock(server, original);
            case "55P03": // lock_not_available
                return lockTimeout(server, original);
            default:
                return new DbException(
                        ErrorCode.FAILED,
                        "database operation on " + quoted() + " failed (SQLSTATE " + state + "): "
                                + serverSentence(server, e),
                        original);
        }
    }

    /**
     * The server's own report, from the first pgjdbc exception that carries one: for a failed
     * batch that is the BatchUpdateException's cause or next exception, whose own message quotes
     * the statement with its bound values.
     */
    private static ServerErrorMessage serverError(SQLException e) {
        Throwable t = e;
        for (int depth = 0; t != null && depth < MAX_CAUSE_DEPTH; depth++) {
            if (t instanceof PSQLException psql && psql.getServerErrorMessage() != null) {
                return psql.getServerErrorMessage();
            }
            Throwable next = t.getCause();
            if (next == null && t instanceof SQLException sql) {
                next = sql.getNextException();
            }
            t = next;
        }
        return null;
    }

    /**
     * The server's one-sentence message, without its severity prefix, its Detail line (which
     * quotes the row's values) or any statement text.
     */
    private static String serverSentence(ServerErrorMessage server, SQLException e) {
        if (server != null && server.getMessage() != null) {
            return firstLine(server.getMessage());
        }
        return SEVERITY.matcher(firstLine(e.getMessage())).replaceFirst("");
    }

    /** {@code table.column, table.other} for a unique key, {@code table} or "the same key" if unknown. */
    private ConflictException postgresConflict(ServerErrorMessage server, SQLException e, Throwable original) {
        String table = Objects.requireNonNullElse(field(server, ServerErrorMessage::getTable), "");
        List<String> columns = new ArrayList<>();
        // "Key (name, source)=(a, b) already exists.": only the column list before "=(" is read; the
        // values after it never leave this method.
        Matcher key = KEY_COLUMNS.matcher(Objects.requireNonNullElse(field(server, ServerErrorMessage::getDetail), ""));
        if (key.find()) {
            for (String column : key.group(1).split(",")) {
                columns.add(column.strip());
            }
        }
        String what = columns.isEmpty()
                ? (table.isEmpty() ? "key" : "key in " + table)
                : String.join(
                        ", ",
                        columns.stream()
                                .map(c -> table.isEmpty() ? c : table + "." + c)
                                .toList());
        return new ConflictException(
                table,
                columns,
                List.of(),
                "a row with the same " + what + " already exists (" + constraintName(server, e)
                        + " is unique); use another value or update the existing row",
                original);
    }

    private ConstraintException postgresConstraint(
            ConstraintException.Kind kind, ServerErrorMessage server, SQLException e, Throwable original) {
        String table = field(server, ServerErrorMessage::getTable);
        String onTable = table == null ? "" : " on " + table;
        if (kind == ConstraintException.Kind.NOT_NULL) {
            String column = notNullColumn(server, e);
            return new ConstraintException(
                    kind,
                    column,
                    orUnknown(column, "a column") + " must not be null (NOT NULL constraint); give it a value",
                    original);
        }
        String name = constraintName(server, e);
        String rule = kind == ConstraintException.Kind.FOREIGN_KEY
                ? "foreign key constraint " + name + onTable
                        + " failed: the row refers to a row that does not exist, or a referenced row was"
                        + " deleted; write the referenced row first"
                : "CHECK constraint " + name + onTable + " failed; use one of the values the column allows";
        return new ConstraintException(kind, name, rule, original);
    }

    /** {@code table.column}, from the server's fields or else its first message line; "" if neither says. */
    private static String notNullColumn(ServerErrorMessage server, SQLException e) {
        String table = field(server, ServerErrorMessage::getTable);
        String column = field(server, ServerErrorMessage::getColumn);
        if (column != null) {
            return table == null ? column : table + "." + column;
        }
        Matcher m = NOT_NULL_COLUMN.matcher(firstLine(e.getMessage()));
        return m.find() ? m.group(2) + "." + m.group(1) : "";
    }

    private IncompatibleDatabaseException postgresReadOnly(
            ServerErrorMessage server, SQLException e, Throwable original) {
        return new IncompatibleDatabaseException(
                "cannot write to " + quoted() + ": the connection is read-only (" + serverSentence(server, e)
                        + "); write through Database.write on a database opened read-write",
                original);
    }

    /**
     * Not a lock wait: another transaction committed a change to what this SERIALIZABLE (or
     * REPEATABLE READ) transaction had read, so the server refused it, at once or at COMMIT.
     */
    private BusyException serializationFailure(ServerErrorMessage server, SQLException e, Throwable original) {
        return new BusyException(
                "a concurrent transaction changed data this transaction on " + quoted() + " had read"
                        + inRelation(server) + " (serialization failure: " + serverSentence(server, e)
                        + "); nothing of it was written — retry the whole transaction",
                original);
    }

    /** The server found a lock cycle and chose this transaction as the one to roll back. */
    private BusyException deadlock(ServerErrorMessage server, Throwable original) {
        return new BusyException(
                "deadlock detected on " + quoted() + inRelation(server)
                        + ": this transaction and another each waited for a row the other had locked, and the"
                        + " server rolled this one back; retry it, and lock rows in the same order everywhere",
                original);
    }

    /** lock_timeout (set from busyTimeout) ran out while waiting for a row or table lock. */
    private BusyException lockTimeout(ServerErrorMessage server, Throwable original) {
        String relation = relation(server);
        return new BusyException(
                (relation == null ? "a lock" : "table " + relation) + " of database " + quoted()
                        + " stayed locked by another connection for more than " + busyTimeout.toMillis()
                        + " ms (lock_timeout); retry later, or find the session that keeps a long transaction"
                        + " open (pg_stat_activity)",
                original);
    }

    /** " in table x" when the server's context names the relation a lock was wanted on. */
    private static String inRelation(ServerErrorMessage server) {
        String relation = relation(server);
        return relation == null ? "" : " in table " + relation;
    }

    /** The relation of the server's context line ("while updating tuple (0,2) in relation \"t\""). */
    private static String relation(ServerErrorMessage server) {
        String table = field(server, ServerErrorMessage::getTable);
        if (table != null) {
            return table;
        }
        Matcher m = RELATION.matcher(Objects.requireNonNullElse(field(server, ServerErrorMessage::getWhere), ""));
        return m.find() ? m.group(1) : null;
    }

    /** The constraint the server named, or the one quoted in the first message line. */
    private static String constraintName(ServerErrorMessage server, SQLException e) {
        String named = field(server, ServerErrorMessage::getConstraint);
        return named != null ? named : constraintName(e);
    }

    private static String field(ServerErrorMessage server, Function<ServerErrorMessage, String> getter) {
        if (server == null) {
            return null;
        }
        String value = getter.apply(server);
        return value == null || value.isBlank() ? null : value;
    }

    /** PostgreSQL's first message line names the constraint in double quotes. */
    private static String constraintName(SQLException e) {
        Matcher m = QUOTED.matcher(firstLine(e.getMessage()));
        return m.find() ? m.group(1) : "(unnamed)";
    }

    private BusyException busy(Throwable original) {
        return new BusyException(
                "database " + quoted() + " stayed locked by another connection for more than "
                        + busyTimeout.toMillis()
                        + " ms; retry later, or find the process that keeps a long write transaction open",
                original);
    }

    private static SQLException findSqlException(Throwable failure) {
        Throwable t = failure;
        for (int depth = 0; t != null && depth < MAX_CAUSE_DEPTH; depth++) {
            if (t instanceof SQLException sql) {
                return sql;
            }
            t = t.getCause();
        }
        return null;
    }

    private static String describe(Throwable t) {
        if (t instanceof JdbiException) {
            Throwable cause = t.getCause();
            return cause != null ? describe(cause) : withoutStatementContext(firstLine(t.getMessage()));
        }
        return t.getClass().getSimpleName() + ": " + firstLine(t.getMessage());
    }

    /**
     * Jdbi's own messages end with the statement's context ({@code [statement:"…", arguments:
     * {positional:{0:…}, named:{…}}]}) or list the bindings ({@code binding:{…}}), which carry the
     * bound values: a payload, a param. Only the sentence before them is kept.
     */
    private static String withoutStatementContext(String message) {
        int cut = message.length();
        for (String marker : List.of(" [statement:", "[statement:", " in binding:", "binding:", "arguments:")) {
            int at = message.indexOf(marker);
            if (at >= 0 && at < cut) {
                cut = at;
            }
        }
        String kept = message.substring(0, cut).strip();
        return kept.isEmpty() ? "Jdbi refused the statement (its bound values are not shown)" : kept;
    }

    /** The driver's message without the SQL text Jdbi appends, cut to one line. */
    private static String detail(SQLException e) {
        return firstLine(e.getMessage());
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "no detail";
        }
        String line = message.strip().lines().findFirst().orElse("");
        return line.length() > 200 ? line.substring(0, 200) + "[...]" : line;
    }

    private static String orUnknown(String value, String fallback) {
        return value.isEmpty() ? fallback : value;
    }

    private String quoted() {
        return "\"" + database + "\"";
    }
}
