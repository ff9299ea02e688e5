package dev.runstore.core.query;

import dev.runstore.core.error.InvalidInputException;
import dev.runstore.core.json.CanonicalJson;
import java.io.IOException;
import java.io.Writer;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How exported rows are written, one row at a time so an export of any size streams.
 *
 * <ul>
 *   <li>CSV: RFC 4180 (comma, CRLF, a field quoted when it holds a comma, quote or line break), a
 *       header row, NULL as an empty field, BLOBs as hex.
 *   <li>JSON Lines: one canonical JSON object per row (keys sorted, as runstore's JSON everywhere),
 *       BLOBs as hex strings.
 * </ul>
 *
 * Text that is not valid UTF-8 is refused with the row and column named, rather than written as
 * something it is not.
 */
public enum RowFormat {
    CSV {
        @Override
        void header(Writer out, List<String> columns) throws IOException {
            line(out, columns.stream().map(RowFormat::csvField).toList());
        }

        @Override
        void row(Writer out, List<String> columns, List<Object> values, long number) throws IOException {
            line(
                    out,
                    values.stream()
                            .map(v -> csvField(text(v, columns, values, number)))
                            .toList());
        }

        private void line(Writer out, List<String> fields) throws IOException {
            out.write(String.join(",", fields));
            out.write("\r\n");
        }
    },
    JSON_LINES {
        @Override
        void header(Writer out, List<String> columns) {}

        @Override
        void row(Writer out, List<String> columns, List<Object> values, long number) throws IOException {
            Map<String, Object> object = new LinkedHashMap<>();
            for (int i = 0; i < columns.size(); i++) {
                object.put(columns.get(i), jsonValue(values.get(i), columns.get(i), number));
            }
            out.write(CanonicalJson.toJson(object));
            out.write("\n");
        }
    },
    /**
     * One JSON array of objects, each with the columns in table order (not sorted: a reader sees the
     * table's own order); values written as canonical JSON writes them.
     */
    JSON_ARRAY {
        @Override
        void header(Writer out, List<String> columns) throws IOException {
            out.write("[");
        }

        @Override
        void row(Writer out, List<String> columns, List<Object> values, long number) throws IOException {
            StringBuilder object = new StringBuilder(number == 1 ? "{" : ",{");
            for (int i = 0; i < columns.size(); i++) {
                object.append(i == 0 ? "" : ",")
                        .append(CanonicalJson.toJson(columns.get(i)))
                        .append(':')
                        .append(CanonicalJson.toJson(jsonValue(values.get(i), columns.get(i), number)));
            }
            out.write(object.append('}').toString());
        }

        @Override
        void end(Writer out) throws IOException {
            out.write("]\n");
        }
    };

    /** Writes {@code rows} (already read, e.g. one page) with a header and an end. */
    public void write(Writer out, List<String> columns, List<List<Object>> rows) throws IOException {
        header(out, columns);
        long number = 0;
        for (List<Object> values : rows) {
            row(out, columns, values, ++number);
        }
        end(out);
        out.flush();
    }

    void end(Writer out) throws IOException {}

    abstract void header(Writer out, List<String> columns) throws IOException;

    abstract void row(Writer out, List<String> columns, List<Object> values, long number) throws IOException;

    /** A sink that writes every row it gets to {@code out} in this format. */
    public TableRows.RowSink to(Writer out) {
        RowFormat format = this;
        return new TableRows.RowSink() {
            private List<String> columns = List.of();
            private long number;

            @Override
            public void columns(List<String> names) throws IOException {
                columns = List.copyOf(names);
                format.header(out, columns);
            }

            @Override
            public void row(List<Object> values) throws IOException {
                format.row(out, columns, values, ++number);
            }

            @Override
            public void end() throws IOException {
                format.end(out);
                out.flush();
            }
        };
    }

    /** A value as JSON sees it: numbers and strings as they are, BLOBs as hex. */
    static Object jsonValue(Object value, String column, long number) {
        if (value instanceof byte[] blob) {
            return HexFormat.of().formatHex(blob);
        }
        if (value instanceof MalformedText) {
            throw malformed(column, number);
        }
        if (value instanceof Double d && (d.isNaN() || d.isInfinite())) {
            return d.toString(); // JSON has no Infinity; the text keeps the value visible
        }
        return value;
    }

    private static String text(Object value, List<String> columns, List<Object> values, long number) {
        if (value == null) {
            return "";
        }
        if (value instanceof byte[] blob) {
            return HexFormat.of().formatHex(blob);
        }
        if (value instanceof MalformedText) {
            throw malformed(columns.get(values.indexOf(value)), number);
        }
        return String.valueOf(value);
    }

    private static InvalidInputException malformed(String column, long number) {
        return new InvalidInputException("row " + number + " of the export has text in column \"" + column
                + "\" that is not valid UTF-8; export hex(" + column + ") with runstore query instead");
    }

    private static String csvField(String field) {
        if (field.indexOf(',') < 0 && field.indexOf('"') < 0 && field.indexOf('\n') < 0 && field.indexOf('\r') < 0) {
            return field;
        }
        return '"' + field.replace("\"", "\"\"") + '"';
    }
}
