package dev.runstore.core.query;

import dev.runstore.core.catalog.Column;
import dev.runstore.core.catalog.TableStructure;
import dev.runstore.core.db.Engine;
import dev.runstore.core.db.Identifiers;
import dev.runstore.core.error.NotFoundException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The SQL of one {@link RowQuery} over one table: its filters as bound conditions and its order
 * as terms that pages seek past. Names are checked against the table's columns and quoted; values
 * are only ever parameters.
 *
 * <p>Keyset paging in the presence of NULLs: a nullable sort column splits the rows into two
 * segments, those with a value and those without, which the engine places first or last. A page is
 * read segment by segment, each with a plain row-value seek such as {@code (level, rowid) > (?, ?)}
 * that an index on the column serves, so a page deep in the table costs what the first one does.
 */
final class BrowseSql {
    /** One ORDER BY term: an expression and its direction. */
    record Term(String expression, boolean descending) {}

    /** The rows with (or without) a value in a nullable sort column, read as one ordered range. */
    record Segment(String condition, List<Term> order, int skippedTerms) {}

    private final Engine engine;
    private final TableStructure table;
    private String from;
    private final List<String> conditions = new ArrayList<>();
    private final List<Object> arguments = new ArrayList<>();
    private final Optional<Column> sortColumn;
    private final boolean descending;

    BrowseSql(Engine engine, TableStructure table, RowQuery query) {
        this.engine = engine;
        this.table = table;
        this.from = " FROM " + Identifiers.quote(table.name());
        for (Filter filter : query.filters()) {
            addCondition(filter);
        }
        this.sortColumn = query.sort().map(sort -> column(sort.column()));
        this.descending = query.sort().map(Sort::descending).orElse(false);
    }

    /**
     * Whether a page in key order may walk the table instead: a filtered, unsorted query on an
     * engine that lets it choose ({@link Engine#inKeyOrderWithoutIndexes}).
     */
    boolean mayWalkInKeyOrder() {
        return keyset()
                && sortColumn.isEmpty()
                && !conditions.isEmpty()
                && engine.inKeyOrderWithoutIndexes("t").isPresent();
    }

    /** From now on, read the table in key order without its indexes. */
    void walkInKeyOrder() {
        from = " FROM "
                + engine.inKeyOrderWithoutIndexes(Identifiers.quote(table.name()))
                        .orElseThrow();
    }

    boolean keyset() {
        return !table.key().isEmpty();
    }

    List<String> columns() {
        return table.columnNames();
    }

    boolean sorted() {
        return sortColumn.isPresent();
    }

    /** Every term of the order in the direction asked for ({@code reversed} flips each). */
    List<Term> terms(boolean reversed) {
        List<Term> terms = new ArrayList<>();
        boolean down = descending != reversed;
        sortColumn.ifPresent(c -> terms.add(new Term(Identifiers.quote(c.name()), down)));
        if (keyset()) {
            for (String key : table.key()) {
                terms.add(new Term(keyExpression(key), down));
            }
        }
        return terms;
    }

    /** The segments in reading order: one, unless the sort column may hold NULLs. */
    List<Segment> segments(boolean reversed) {
        List<Term> all = terms(reversed);
        if (sortColumn.isEmpty() || sortColumn.get().notNull()) {
            return List.of(new Segment("", all, 0));
        }
        String column = all.get(0).expression();
        boolean down = all.get(0).descending();
        Segment values = new Segment(column + " IS NOT NULL", all, 0);
        Segment nulls = new Segment(column + " IS NULL", all.subList(1, all.size()), 1);
        boolean nullsFirst = down != engine.nullsSortFirst();
        return nullsFirst ? List.of(nulls, values) : List.of(values, nulls);
    }

    /** The segment {@code position} (a row's term values) falls in. */
    int segmentOf(List<Segment> segments, List<Object> position) {
        if (segments.size() == 1) {
            return 0;
        }
        boolean isNull = position.get(0) == null;
        return segments.get(0).skippedTerms() == 1 == isNull ? 0 : 1;
    }

    /**
     * SELECT of the columns and the order terms, in {@code segment}, after {@code position} when
     * given. Returns the SQL; its arguments are appended to {@code args}.
     */
    String select(Segment segment, Optional<List<Object>> position, List<Object> args) {
        return unlimited(segment, position, args) + " LIMIT ?";
    }

    /** {@link #select} without the LIMIT, for export. */
    String unlimited(Segment segment, Optional<List<Object>> position, List<Object> args) {
        List<String> where = new ArrayList<>(conditions);
        args.addAll(arguments);
        if (!segment.condition().isEmpty()) {
            where.add(segment.condition());
        }
        List<Term> order = segment.order();
        if (position.isPresent() && !order.isEmpty()) {
            List<Object> values = position.get()
                    .subList(segment.skippedTerms(), position.get().size());
            String operator = order.get(0).descending() ? "<" : ">";
            where.add("(" + order.stream().map(Term::expression).collect(Collectors.joining(", ")) + ") " + operator
                    + " (" + String.join(", ", Collections.nCopies(order.size(), "?")) + ")");
            args.addAll(values);
        }
        return "SELECT " + selectList() + from + whereClause(where) + orderBy(order);
    }

    /** SELECT by position, for tables without a key. */
    String selectAt(boolean reversed, List<Object> args) {
        return unlimitedAt(reversed, args) + " LIMIT ? OFFSET ?";
    }

    /** {@link #selectAt} without LIMIT and OFFSET, for export. */
    String unlimitedAt(boolean reversed, List<Object> args) {
        args.addAll(arguments);
        return "SELECT " + selectList() + from + whereClause(conditions) + orderBy(terms(reversed));
    }

    /** The matching rows, for counts and facets. */
    String matching(String select, List<Object> args) {
        args.addAll(arguments);
        return "SELECT " + select + from + whereClause(conditions);
    }

    /** The matching rows in the browsed order, for a sample of the first of them. */
    String matchingInOrder(String select, List<Object> args) {
        return matching(select, args) + orderBy(terms(false));
    }

    String quotedColumn(String name) {
        return Identifiers.quote(column(name).name());
    }

    private String selectList() {
        List<String> parts = new ArrayList<>();
        for (String name : table.columnNames()) {
            parts.add(Identifiers.quote(name));
        }
        terms(false).forEach(term -> parts.add(term.expression()));
        return String.join(", ", parts);
    }

    private String keyExpression(String key) {
        return table.column(key).isPresent() ? Identifiers.quote(key) : key; // a rowid alias is a keyword
    }

    private static String whereClause(List<String> where) {
        return where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where);
    }

    private static String orderBy(List<Term> order) {
        return order.isEmpty()
                ? ""
                : " ORDER BY "
                        + order.stream()
                                .map(t -> t.expression() + (t.descending() ? " DESC" : ""))
                                .collect(Collectors.joining(", "));
    }

    private void addCondition(Filter filter) {
        Column column = column(filter.column());
        String quoted = Identifiers.quote(column.name());
        String parameter = engine.parameterFor(column.type().isEmpty() ? "text" : column.type());
        switch (filter.op()) {
            case IS_NULL -> conditions.add(quoted + " IS NULL");
            case NOT_NULL -> conditions.add(quoted + " IS NOT NULL");
            case CONTAINS -> {
                conditions.add(engine.likeIgnoringCase(quoted));
                arguments.add("%" + escapeLike(String.valueOf(filter.value())) + "%");
            }
            default -> {
                if (filter.value() == null) {
                    conditions.add(quoted + (filter.op() == Filter.Op.NOT_EQUALS ? " IS NOT NULL" : " IS NULL"));
                    return;
                }
                String operator = switch (filter.op()) {
                    case EQUALS -> " = ";
                    case NOT_EQUALS -> " <> ";
                    case LESS -> " < ";
                    default -> " > ";
                };
                conditions.add(quoted + operator + parameter);
                arguments.add(filter.value());
            }
        }
    }

    private Column column(String name) {
        return table.column(name)
                .or(() -> table.columns().stream()
                        .filter(c -> c.name().equalsIgnoreCase(name))
                        .findFirst())
                .orElseThrow(() -> new NotFoundException(
                        "column",
                        name,
                        "no column \"" + name + "\" in " + table.type() + " \"" + table.name() + "\"; its columns are "
                                + String.join(", ", table.columnNames())));
    }

    private static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
