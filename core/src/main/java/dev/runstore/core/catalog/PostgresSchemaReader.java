package dev.runstore.core.catalog;

import java.sql.Array;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;

/**
 * PostgreSQL's schema, from pg_catalog for the connection's current schema. The server keeps no
 * CREATE TABLE text, so a table's statement is composed from its columns (pg_dump --schema-only
 * gives the full one); views, indexes and triggers come from the server's own pg_get_*def.
 */
final class PostgresSchemaReader implements SchemaReader {
    private static final String IN_SCHEMA = "relnamespace = current_schema()::regnamespace";

    @Override
    public List<SchemaObject> objects(Handle h) {
        return h.createQuery("SELECT type, name, tbl, sql FROM ("
                        + " SELECT 'table' AS type, relname AS name, relname AS tbl, '' AS sql, 0 AS ord"
                        + " FROM pg_class WHERE " + IN_SCHEMA + " AND relkind IN ('r', 'p')"
                        + " UNION ALL SELECT 'view', relname, relname,"
                        + " 'CREATE VIEW ' || quote_ident(relname) || ' AS' || pg_get_viewdef(oid), 1"
                        + " FROM pg_class WHERE " + IN_SCHEMA + " AND relkind IN ('v', 'm')"
                        + " UNION ALL SELECT 'index', i.relname, t.relname, pg_get_indexdef(i.oid), 2"
                        + " FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid"
                        + " JOIN pg_class t ON t.oid = x.indrelid WHERE t." + IN_SCHEMA
                        + " UNION ALL SELECT 'trigger', g.tgname, t.relname, pg_get_triggerdef(g.oid), 3"
                        + " FROM pg_trigger g JOIN pg_class t ON t.oid = g.tgrelid"
                        + " WHERE NOT g.tgisinternal AND t." + IN_SCHEMA
                        + ") AS o ORDER BY ord, name")
                .map((rs, ctx) -> new SchemaObject(
                        rs.getString("name"), rs.getString("type"), rs.getString("tbl"), rs.getString("sql")))
                .list();
    }

    @Override
    public Optional<TableStructure> structure(Handle h, String name) {
        String find = "SELECT oid, relname, relkind FROM pg_class WHERE " + IN_SCHEMA
                + " AND relkind IN ('r', 'p', 'v', 'm') AND ";
        Optional<Object[]> found = h.createQuery(find + "relname = :name")
                .bind("name", name)
                .map((rs, ctx) -> new Object[] {rs.getLong(1), rs.getString(2), rs.getString(3)})
                .findOne()
                .or(() -> h.createQuery(find + "lower(relname) = lower(:name) ORDER BY relname LIMIT 1")
                        .bind("name", name)
                        .map((rs, ctx) -> new Object[] {rs.getLong(1), rs.getString(2), rs.getString(3)})
                        .findOne());
        return found.map(row -> describe(h, (Long) row[0], (String) row[1], (String) row[2]));
    }

    private static TableStructure describe(Handle h, long oid, String table, String relkind) {
        boolean view = relkind.equals("v") || relkind.equals("m");
        List<Column> columns = h.createQuery("SELECT a.attname, format_type(a.atttypid, a.atttypmod) AS type,"
                        + " a.attnotnull, pg_get_expr(d.adbin, d.adrelid) AS dflt,"
                        + " coalesce(array_position(pk.conkey, a.attnum), 0) AS pk"
                        + " FROM pg_attribute a LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum"
                        + " LEFT JOIN pg_constraint pk ON pk.conrelid = a.attrelid AND pk.contype = 'p'"
                        + " WHERE a.attrelid = :oid AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum")
                .bind("oid", oid)
                .map((rs, ctx) -> new Column(
                        rs.getString("attname"),
                        rs.getString("type"),
                        rs.getBoolean("attnotnull"),
                        rs.getString("dflt"),
                        rs.getInt("pk")))
                .list();
        List<ForeignKey> foreignKeys = h.createQuery("SELECT t.relname AS target,"
                        + " ARRAY(SELECT a.attname FROM unnest(c.conkey) WITH ORDINALITY k(n, i)"
                        + " JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.n ORDER BY k.i) AS src,"
                        + " ARRAY(SELECT a.attname FROM unnest(c.confkey) WITH ORDINALITY k(n, i)"
                        + " JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.n ORDER BY k.i) AS dst"
                        + " FROM pg_constraint c JOIN pg_class t ON t.oid = c.confrelid"
                        + " WHERE c.conrelid = :oid AND c.contype = 'f' ORDER BY c.conname")
                .bind("oid", oid)
                .map((rs, ctx) ->
                        new ForeignKey(names(rs.getArray("src")), rs.getString("target"), names(rs.getArray("dst"))))
                .list();
        List<IndexInfo> indexes = h.createQuery("SELECT i.relname, x.indisunique, x.indpred IS NOT NULL AS partial,"
                        + " CASE WHEN x.indisprimary THEN 'pk' WHEN con.oid IS NOT NULL THEN 'u' ELSE 'c' END AS origin,"
                        + " pg_get_indexdef(i.oid) AS sql,"
                        + " ARRAY(SELECT coalesce(a.attname, '<expression>') FROM unnest(x.indkey::int2[]) WITH ORDINALITY k(n, i)"
                        + " LEFT JOIN pg_attribute a ON a.attrelid = x.indrelid AND a.attnum = k.n ORDER BY k.i) AS cols"
                        + " FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid"
                        + " LEFT JOIN pg_constraint con ON con.conindid = x.indexrelid AND con.contype = 'u'"
                        + " WHERE x.indrelid = :oid ORDER BY i.relname")
                .bind("oid", oid)
                .map((rs, ctx) -> new IndexInfo(
                        rs.getString("relname"),
                        rs.getBoolean("indisunique"),
                        rs.getBoolean("partial"),
                        rs.getString("origin"),
                        names(rs.getArray("cols")),
                        rs.getString("sql")))
                .list();
        List<SchemaObject> triggers = h.createQuery("SELECT tgname, pg_get_triggerdef(oid) AS sql FROM pg_trigger"
                        + " WHERE tgrelid = :oid AND NOT tgisinternal ORDER BY tgname")
                .bind("oid", oid)
                .map((rs, ctx) -> new SchemaObject(rs.getString("tgname"), "trigger", table, rs.getString("sql")))
                .list();
        String sql = view
                ? h.createQuery("SELECT 'CREATE VIEW ' || quote_ident(:name) || ' AS' || pg_get_viewdef(:oid)")
                        .bind("name", table)
                        .bind("oid", oid)
                        .mapTo(String.class)
                        .one()
                : composeCreate(h, table, columns);
        List<String> key = view
                ? List.of()
                : columns.stream()
                        .filter(c -> c.primaryKey() > 0)
                        .sorted(java.util.Comparator.comparingInt(Column::primaryKey))
                        .map(Column::name)
                        .toList();
        return new TableStructure(table, view ? "view" : "table", sql, columns, foreignKeys, indexes, triggers, key);
    }

    private static String composeCreate(Handle h, String table, List<Column> columns) {
        String quoted = h.createQuery("SELECT quote_ident(:name)")
                .bind("name", table)
                .mapTo(String.class)
                .one();
        return "CREATE TABLE " + quoted + " ("
                + columns.stream()
                        .map(c -> "\n  " + c.name() + " " + c.type() + (c.notNull() ? " NOT NULL" : "")
                                + (c.defaultValue() == null ? "" : " DEFAULT " + c.defaultValue()))
                        .collect(Collectors.joining(","))
                + "\n)";
    }

    private static List<String> names(Array array) throws SQLException {
        return Arrays.stream((Object[]) array.getArray()).map(String::valueOf).toList();
    }
}
