package dev.runstore.core.query;

import dev.runstore.core.error.InvalidInputException;
import dev.runstore.core.json.CanonicalJson;
import java.io.IOException;
import java.io.Writer;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes rows one at a time as they are read, so an export never holds more than one row. The one
 * place rows become CSV or JSON, for exports of tables ({@link TableRows#export}) and of typed SQL
 * ({@link ReadOnlySql#export}) alike. Text that is not valid UTF-8 ({@link MalformedText}) is
 * refused with its row and column named, rather than written as something it is not.
 */
abstract sealed class RowWriter permits RowWriter.Csv, RowWriter.Json {
    final Writer out;

    RowWriter(Writer out) {
        this.out = out;
    }

    static RowWriter of(ExportFormat format, Writer out) {
        return switch (format) {
            case CSV -> new Csv(out);
            case JSON_LINES -> new Json(out, false);
            case JSON_ARRAY -> new Json(out, true);
        };
    }

    abstract void start(List<String> columns) throws IOException;

    abstract void row(List<Object> values) throws IOException;

    abstract void end() throws IOException;

    /** Rows written so far; the next row's number is one more. */
    long rows;

    List<String> columns = List.of();

    /** Refuses a value that cannot be written as what it is. */
    void requireWritable(List<Object> values) {
        for (int i = 0; i < values.size(); i++) {
            if (values.get(i) instanceof MalformedText) {
                String column = i < columns.size() ? columns.get(i) : "#" + (i + 1);
                throw new InvalidInputException("row " + (rows + 1) + " of the export has text in column \"" + column
                        + "\" that is not valid UTF-8; export hex(" + column + ") with runstore query instead");
            }
        }
    }

    /** A number as runstore's canonical JSON writes it; SQLite's infinities (1e999) as words. */
    static String number(Object value) {
        if (value instanceof Double d && d.isInfinite()) {
            return d > 0 ? "Infinity" : "-Infinity";
        }
        return CanonicalJson.toJson(value);
    }

    static final class Csv extends RowWriter {
        Csv(Writer out) {
            super(out);
        }

        @Override
        void start(List<String> names) throws IOException {
            columns = List.copyOf(names);
            line(columns);
        }

        @Override
        void row(List<Object> values) throws IOException {
            requireWritable(values);
            line(values);
            rows++;
        }

        @Override
        void end() throws IOException {
            out.flush();
        }

        private void line(List<?> values) throws IOException {
            for (int i = 0; i < values.size(); i++) {
                if (i > 0) {
                    out.write(',');
                }
                out.write(field(values.get(i)));
            }
            out.write("\r\n");
        }

        /** NULL is an empty field; an empty string is "" so the two stay apart. */
        static String field(Object value) {
            if (value == null) {
                return "";
            }
            String text = value instanceof byte[] blob
                    ? HexFormat.of().formatHex(blob)
                    : value instanceof String s ? s : number(value);
            boolean quote = text.isEmpty()
                    || text.indexOf(',') >= 0
                    || text.indexOf('"') >= 0
                    || text.indexOf('\r') >= 0
                    || text.indexOf('\n') >= 0;
            return quote ? '"' + text.replace("\"", "\"\"") + '"' : text;
        }
    }

    static final class Json extends RowWriter {
        private final boolean array;
        private List<String> keys;

        Json(Writer out, boolean array) {
            super(out);
            this.array = array;
        }

        @Override
        void start(List<String> names) throws IOException {
            columns = List.copyOf(names);
            keys = uniqueKeys(columns);
            if (array) {
                out.write('[');
            }
        }

        @Override
        void row(List<Object> values) throws IOException {
            requireWritable(values);
            if (array && rows > 0) {
                out.write(',');
            }
            rows++;
            if (array) {
                out.write(inColumnOrder(values));
            } else {
                out.write(canonical(values));
                out.write('\n');
            }
        }

        /** For {@code --json}: a reader sees the columns in the order the table or query has them. */
        private String inColumnOrder(List<Object> values) {
            StringBuilder object = new StringBuilder("{");
            for (int i = 0; i < values.size(); i++) {
                if (i > 0) {
                    object.append(',');
                }
                object.append(CanonicalJson.toJson(keys.get(i))).append(':').append(value(values.get(i)));
            }
            return object.append('}').toString();
        }

        /**
         * For JSON Lines: canonical JSON, keys sorted, byte-identical to Python's json.dumps with
         * sort_keys, so an exported line hashes the same in either language.
         */
        private String canonical(List<Object> values) {
            Map<String, Object> object = new LinkedHashMap<>();
            for (int i = 0; i < values.size(); i++) {
                Object value = values.get(i);
                object.put(
                        keys.get(i),
                        value instanceof byte[] blob
                                ? HexFormat.of().formatHex(blob)
                                : value instanceof Double d && d.isInfinite() ? number(d) : value);
            }
            return CanonicalJson.toJson(object);
        }

        @Override
        void end() throws IOException {
            if (array) {
                out.write("]\n");
            }
            out.flush();
        }

        /**
         * Canonical JSON for each value, but keys in column order, which is what a person reads a
         * result by; canonical objects would sort them.
         */
        private static String value(Object value) {
            if (value == null) {
                return "null";
            }
            if (value instanceof byte[] blob) {
                return '"' + HexFormat.of().formatHex(blob) + '"';
            }
            if (value instanceof Double d && d.isInfinite()) {
                return '"' + number(d) + '"';
            }
            return CanonicalJson.toJson(value);
        }

        /** A repeated column name (SELECT 1 AS a, 2 AS a) gets _2, _3, …: a JSON key must not repeat. */
        static List<String> uniqueKeys(List<String> columns) {
            Set<String> used = new HashSet<>(columns);
            Set<String> seen = new HashSet<>();
            return columns.stream()
                    .map(name -> {
                        if (seen.add(name)) {
                            return name;
                        }
                        String key = name;
                        for (int n = 2; used.contains(key); n++) {
                            key = name + "_" + n;
                        }
                        used.add(key);
                        seen.add(key);
                        return key;
                    })
                    .toList();
        }
    }
}
