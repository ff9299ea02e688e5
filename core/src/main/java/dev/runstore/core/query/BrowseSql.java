package dev.runstore.core.query;

import dev.runstore.core.catalog.Column;
import dev.runstore.core.catalog.TableStructure;
import dev.runstore.core.db.Engine;
import dev.runstore.core.db.Identifiers;
import dev.runstore.core.error.NotFoundException;
import java.util.ArrayList;
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
    /** One ORDER BY term: an expression, its direction, and the declared type of its column. */
    record Term(String expression, boolean descending, String type) {}

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
        sortColumn.ifPresent(c -> terms.add(new Term(Identifiers.quote(c.name()), down, c.type())));
        if (keyset()) {
            for (String key : table.key()) {
                terms.add(new Term(
                        keyExpression(key),
                        down,
                        table.column(key).map(Column::type).orElse("")));
            }
        } else if (sortColumn.isPresent()) {
            // Paged by position: ties in the sort column need an order of their own, or rows on
            // either side of a page break could swap between two reads.
            table.columns().stream()
                    .filter(c -> !c.name().equals(sortColumn.get().name()))
                    .forEach(c -> terms.add(new Term(Identifiers.quote(c.name()), down, c.type())));
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
            List<String> placeholders = new ArrayList<>();
            for (int i = 0; i < order.size(); i++) {
                placeholders.add(placeholder(order.get(i).type(), values.get(i)));
            }
            where.add("(" + order.stream().map(Term::expression).collect(Collectors.joining(", ")) + ") " + operator
                    + " (" + String.join(", ", placeholders) + ")");
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

    /**
     * {@code select} over a sample: the newest {@code sample} rows by key (the first ones of a view),
     * then the filters among them. Bounded whatever the filter matches, unlike a LIMIT over the
     * filtered rows, which walks the whole table for a rare value.
     */
    String sampled(String select, long sample, List<Object> args) {
        List<Term> newestFirst = keyset() ? terms(true) : List.of();
        args.add(sample);
        args.addAll(arguments);
        return "SELECT " + select + " FROM (SELECT * FROM " + Identifiers.quote(table.name()) + orderBy(newestFirst)
                + " LIMIT ?) AS sample" + whereClause(conditions);
    }

    /** A count of the table's rows, no further than the bound parameter. */
    String countedUpTo(List<Object> args, long cap) {
        args.add(cap);
        return "SELECT count(*) FROM (SELECT 1 AS one FROM " + Identifiers.quote(table.name()) + " LIMIT ?) AS capped";
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

    /** The segment that holds the values (not the NULLs), whose plan says whether an index sorts. */
    Segment valuesSegment() {
        return segments(false).stream()
                .filter(s -> s.skippedTerms() == 0)
                .findFirst()
                .orElseThrow();
    }

    /**
     * A bound parameter compared with a column of {@code type}: text that is not UTF-8 is bound as
     * its bytes and cast back to TEXT, or it would compare as a BLOB (after every text value).
     */
    private String placeholder(String type, Object value) {
        if (value instanceof MalformedText) {
            return "CAST(? AS TEXT)";
        }
        return engine.parameterFor(type.isEmpty() ? "text" : type);
    }

    private void addCondition(Filter filter) {
        Column column = column(filter.column());
        String quoted = Identifiers.quote(column.name());
        String parameter = placeholder(column.type(), filter.value());
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
                Optional<Number> number = untypedNumber(column, filter.value());
                if (number.isPresent() && filter.op() != Filter.Op.LESS && filter.op() != Filter.Op.GREATER) {
                    // A column without a declared type converts nothing: '5' as typed finds only the
                    // text '5'. Compare with the number too, as the person meant either.
                    boolean equal = filter.op() == Filter.Op.EQUALS;
                    conditions.add("(" + quoted + operator + parameter + (equal ? " OR " : " AND ") + quoted + operator
                            + "?)");
                    arguments.add(filter.value());
                    arguments.add(number.get());
                    return;
                }
                conditions.add(quoted + operator + parameter);
                arguments.add(number.isPresent() ? number.get() : filter.value());
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

    /** The number typed text reads as, for a column without a declared type (no affinity). */
    private static Optional<Number> untypedNumber(Column column, Object value) {
        if (!column.type().isEmpty() || !(value instanceof String text)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Long.parseLong(text.strip()));
        } catch (NumberFormatException notWhole) {
            try {
                double d = Double.parseDouble(text.strip());
                return Double.isFinite(d) && !text.strip().isEmpty() ? Optional.of(d) : Optional.empty();
            } catch (NumberFormatException notNumber) {
                return Optional.empty();
            }
        }
    }

    private static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
