package dev.runstore.core.migrate;

import dev.runstore.core.db.Identifiers;
import dev.runstore.core.error.ConstraintException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Changes a SQLite table in ways {@code ALTER TABLE} cannot (change a column's type, add or drop
 * NOT NULL, CHECK or a foreign key, drop an indexed column), by rebuilding it — runstore's
 * equivalent of Alembic's {@code batch_alter_table}. It follows the 12 steps SQLite documents
 * (sqlite.org/lang_altertable.html, "Making Other Kinds Of Table Schema Changes"):
 *
 * <ol>
 *   <li>turn foreign keys off — outside any transaction, where SQLite ignores the PRAGMA; with
 *       them on, dropping a parent table would cascade-delete its children;
 *   <li>begin a transaction;
 *   <li>remember the table's indexes and triggers, and every view;
 *   <li>create the new table under a temporary name;
 *   <li>copy the rows;
 *   <li>drop the old table (views first: a rename checks every view);
 *   <li>rename the new table;
 *   <li>recreate indexes, triggers and views;
 *   <li>check that no row was lost;
 *   <li>{@code PRAGMA foreign_key_check}: any violation rolls everything back and names the rows;
 *   <li>commit;
 *   <li>turn foreign keys back on.
 * </ol>
 *
 * A migration that uses it must run outside Flyway's transaction ({@code canExecuteInTransaction()
 * == false}), because step 1 cannot happen inside one.
 */
public final class TableRebuild {
    private final String table;
    private String definition;
    private List<String> columns;
    private String select;

    private TableRebuild(String table) {
        this.table = table;
    }

    /** Starts a rebuild of {@code table}. */
    public static TableRebuild of(String table) {
        return new TableRebuild(Objects.requireNonNull(table, "table"));
    }

    /**
     * The new definition: everything after {@code CREATE TABLE name}, i.e. the parenthesised column
     * and constraint list.
     */
    public TableRebuild definition(String columnsAndConstraints) {
        this.definition = columnsAndConstraints;
        return this;
    }

    /**
     * How rows are copied: the new table's columns and a SELECT list over the old table giving their
     * values (e.g. {@code "id, coalesce(kind, 'unknown')"}). Without it, the columns both tables
     * share are copied as they are.
     */
    public TableRebuild copy(List<String> newColumns, String selectList) {
        this.columns = List.copyOf(newColumns);
        this.select = selectList;
        return this;
    }

    /** Runs the rebuild on {@code connection}, which must be in auto-commit mode. */
    public void run(Connection connection) throws SQLException {
        if (definition == null) {
            throw new IllegalStateException(
                    "call definition(...) before run(): the rebuild needs the new table's columns");
        }
        if (!connection.getAutoCommit()) {
            throw new IllegalStateException("TableRebuild manages its own transaction; run it from a migration whose"
                    + " canExecuteInTransaction() returns false");
        }
        boolean foreignKeys = queryInt(connection, "PRAGMA foreign_keys") == 1;
        execute(connection, "PRAGMA foreign_keys = OFF"); // 1
        try {
            execute(connection, "BEGIN IMMEDIATE"); // 2
            try {
                rebuild(connection, foreignKeys);
                execute(connection, "COMMIT"); // 11
            } catch (SQLException | RuntimeException e) {
                try {
                    execute(connection, "ROLLBACK");
                } catch (SQLException rollback) {
                    e.addSuppressed(rollback);
                }
                throw e;
            }
        } finally {
            if (foreignKeys) {
                execute(connection, "PRAGMA foreign_keys = ON"); // 12
            }
        }
    }

    private void rebuild(Connection connection, boolean foreignKeys) throws SQLException {
        String temporary = table + "__rebuild";
        List<String> dependents = strings(
                connection,
                "SELECT sql FROM sqlite_schema WHERE tbl_name = ? AND type IN ('index', 'trigger') AND sql IS NOT NULL"
                        + " ORDER BY type, name",
                table); // 3
        List<String> views =
                strings(connection, "SELECT sql FROM sqlite_schema WHERE type = 'view' ORDER BY name", null);
        List<String> viewNames =
                strings(connection, "SELECT name FROM sqlite_schema WHERE type = 'view' ORDER BY name", null);
        long before = queryInt(connection, "SELECT count(*) FROM " + Identifiers.quote(table));

        execute(connection, "CREATE TABLE " + Identifiers.quote(temporary) + " " + definition); // 4
        List<String> target = columns != null ? columns : sharedColumns(connection, temporary);
        String source = select != null
                ? select
                : String.join(", ", target.stream().map(Identifiers::quote).toList());
        execute(
                connection,
                "INSERT INTO " + Identifiers.quote(temporary) + " ("
                        + String.join(
                                ", ", target.stream().map(Identifiers::quote).toList()) + ") SELECT " + source
                        + " FROM " + Identifiers.quote(table)); // 5
        for (String view : viewNames) {
            execute(connection, "DROP VIEW " + Identifiers.quote(view));
        }
        execute(connection, "DROP TABLE " + Identifiers.quote(table)); // 6
        execute(
                connection,
                "ALTER TABLE " + Identifiers.quote(temporary) + " RENAME TO " + Identifiers.quote(table)); // 7
        for (String sql : dependents) {
            execute(connection, sql); // 8
        }
        for (String sql : views) {
            execute(connection, sql);
        }
        long after = queryInt(connection, "SELECT count(*) FROM " + Identifiers.quote(table)); // 9
        if (after != before) {
            throw new IllegalStateException("rebuilding " + table + " copied " + after + " of " + before
                    + " rows; check the copy(...) SELECT list");
        }
        if (foreignKeys) {
            List<String> violations = foreignKeyViolations(connection); // 10
            if (!violations.isEmpty()) {
                throw new ConstraintException(
                        ConstraintException.Kind.FOREIGN_KEY,
                        table,
                        "rebuilding " + table + " would break foreign keys (" + String.join("; ", violations)
                                + "); nothing was changed — fix those rows or the new definition",
                        null);
            }
        }
    }

    private List<String> sharedColumns(Connection connection, String temporary) throws SQLException {
        Set<String> old = new LinkedHashSet<>(columnNames(connection, table));
        List<String> shared = new ArrayList<>();
        for (String column : columnNames(connection, temporary)) {
            if (old.contains(column)) {
                shared.add(column);
            }
        }
        return shared;
    }

    private static List<String> columnNames(Connection connection, String table) throws SQLException {
        return strings(connection, "SELECT name FROM pragma_table_info(?) ORDER BY cid", table);
    }

    private static List<String> foreignKeyViolations(Connection connection) throws SQLException {
        List<String> violations = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("PRAGMA foreign_key_check")) {
            while (rows.next() && violations.size() < 10) {
                violations.add(
                        rows.getString(1) + " row " + rows.getLong(2) + " refers to a missing " + rows.getString(3));
            }
        }
        return violations;
    }

    private static List<String> strings(Connection connection, String sql, String parameter) throws SQLException {
        List<String> result = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            if (parameter != null) {
                statement.setString(1, parameter);
            }
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    result.add(rows.getString(1));
                }
            }
        }
        return result;
    }

    private static long queryInt(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
