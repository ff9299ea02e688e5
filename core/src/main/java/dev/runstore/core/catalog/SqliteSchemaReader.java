package dev.runstore.core.catalog;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * SQLite's schema, read through the table-valued PRAGMA functions with the name bound as a
 * parameter, so a table called {@code x; DROP TABLE runs} is just a string.
 */
final class SqliteSchemaReader implements SchemaReader {
    private static final String USER_OBJECTS = "name NOT LIKE 'sqlite\\_%' ESCAPE '\\'";

    /** The names SQLite answers to for the rowid; a column of the same name hides that alias. */
    private static final List<String> ROWID_ALIASES = List.of("rowid", "_rowid_", "oid");

    @Override
    public List<SchemaObject> objects(Handle h) {
        return h.createQuery("SELECT type, name, tbl_name, coalesce(sql, '') AS sql FROM sqlite_schema WHERE "
                        + USER_OBJECTS
                        + " ORDER BY CASE type WHEN 'table' THEN 0 WHEN 'view' THEN 1 WHEN 'index' THEN 2"
                        + " ELSE 3 END, name")
                .map((rs, ctx) -> new SchemaObject(
                        rs.getString("name"), rs.getString("type"), rs.getString("tbl_name"), rs.getString("sql")))
                .list();
    }

    @Override
    public Optional<TableStructure> structure(Handle h, String name) {
        Optional<String> exact = lookUp(h, name, "");
        Optional<String> found = exact.isPresent() ? exact : lookUp(h, name, " COLLATE NOCASE");
        return found.map(table -> describe(h, table));
    }

    private static Optional<String> lookUp(Handle h, String name, String collation) {
        return h.createQuery("SELECT name FROM sqlite_schema WHERE type IN ('table', 'view') AND name = :name"
                        + collation + " ORDER BY name LIMIT 1")
                .bind("name", name)
                .mapTo(String.class)
                .findOne();
    }

    private static TableStructure describe(Handle h, String table) {
        String sql = h.createQuery("SELECT coalesce(sql, '') FROM sqlite_schema WHERE name = :name")
                .bind("name", table)
                .mapTo(String.class)
                .one();
        // pragma_table_list says view, virtual or shadow, and whether a table is WITHOUT ROWID.
        Map<String, Object> kind = h.createQuery("SELECT type, wr FROM pragma_table_list(:name) WHERE schema = 'main'")
                .bind("name", table)
                .mapToMap()
                .findOne()
                .orElse(Map.of("type", "table", "wr", 0));
        String type = switch (String.valueOf(kind.get("type"))) {
            case "view" -> "view";
            case "virtual" -> "virtual";
            default -> "table";
        };
        boolean withoutRowid = ((Number) kind.get("wr")).intValue() == 1;
        List<Column> columns = h.createQuery("SELECT name, type, \"notnull\" AS nn, dflt_value, pk"
                        + " FROM pragma_table_xinfo(:name) WHERE hidden <> 1 ORDER BY cid")
                .bind("name", table)
                .map((rs, ctx) -> new Column(
                        rs.getString("name"),
                        rs.getString("type") == null ? "" : rs.getString("type"),
                        rs.getInt("nn") == 1,
                        rs.getString("dflt_value"),
                        rs.getInt("pk")))
                .list();
        return new TableStructure(
                table,
                type,
                sql,
                columns,
                foreignKeys(h, table),
                indexes(h, table),
                h.createQuery("SELECT type, name, tbl_name, coalesce(sql, '') AS sql FROM sqlite_schema"
                                + " WHERE type = 'trigger' AND tbl_name = :name ORDER BY name")
                        .bind("name", table)
                        .map((rs, ctx) -> new SchemaObject(
                                rs.getString("name"), "trigger", rs.getString("tbl_name"), rs.getString("sql")))
                        .list(),
                key(type, withoutRowid, columns));
    }

    private static List<String> key(String type, boolean withoutRowid, List<Column> columns) {
        if (!type.equals("table")) {
            return List.of();
        }
        List<String> primaryKey = columns.stream()
                .filter(c -> c.primaryKey() > 0)
                .sorted(java.util.Comparator.comparingInt(Column::primaryKey))
                .map(Column::name)
                .toList();
        if (withoutRowid) {
            return primaryKey;
        }
        List<String> taken =
                columns.stream().map(c -> c.name().toLowerCase(Locale.ROOT)).toList();
        return ROWID_ALIASES.stream()
                .filter(alias -> !taken.contains(alias))
                .findFirst()
                .map(List::of)
                .orElse(primaryKey);
    }

    private static List<ForeignKey> foreignKeys(Handle h, String table) {
        Map<Integer, List<Map<String, Object>>> byId = new LinkedHashMap<>();
        h.createQuery("SELECT id, seq, \"table\" AS target, \"from\" AS source, \"to\" AS referenced"
                        + " FROM pragma_foreign_key_list(:name) ORDER BY id, seq")
                .bind("name", table)
                .mapToMap()
                .forEach(row -> byId.computeIfAbsent(((Number) row.get("id")).intValue(), id -> new ArrayList<>())
                        .add(row));
        List<ForeignKey> keys = new ArrayList<>();
        for (List<Map<String, Object>> parts : byId.values()) {
            String target = (String) parts.get(0).get("target");
            List<String> from =
                    parts.stream().map(p -> (String) p.get("source")).toList();
            List<String> to =
                    parts.stream().map(p -> (String) p.get("referenced")).toList();
            if (to.contains(null)) {
                // REFERENCES t without columns means t's primary key.
                to = h.createQuery("SELECT name FROM pragma_table_info(:name) WHERE pk > 0 ORDER BY pk")
                        .bind("name", target)
                        .mapTo(String.class)
                        .list();
            }
            keys.add(new ForeignKey(from, target, to));
        }
        return keys;
    }

    private static List<IndexInfo> indexes(Handle h, String table) {
        return h
                .createQuery("SELECT l.name, l.\"unique\" AS uniq, l.origin, l.partial, coalesce(s.sql, '') AS sql"
                        + " FROM pragma_index_list(:name) AS l LEFT JOIN sqlite_schema AS s"
                        + " ON s.type = 'index' AND s.name = l.name ORDER BY l.name")
                .bind("name", table)
                .mapToMap()
                .list()
                .stream()
                .map(row -> new IndexInfo(
                        (String) row.get("name"),
                        ((Number) row.get("uniq")).intValue() == 1,
                        ((Number) row.get("partial")).intValue() == 1,
                        (String) row.get("origin"),
                        h.createQuery("SELECT coalesce(name, '<expression>') FROM pragma_index_info(:index)"
                                        + " ORDER BY seqno")
                                .bind("index", (String) row.get("name"))
                                .mapTo(String.class)
                                .list(),
                        (String) row.get("sql")))
                .toList();
    }
}
