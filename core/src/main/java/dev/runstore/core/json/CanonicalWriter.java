package dev.runstore.core.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Writes a Jackson tree as Python's {@code json.dumps(v, ensure_ascii=False, separators=(",", ":"),
 * sort_keys=True)} would. A tree pass rather than Jackson's generator, because the generator
 * differs from Python in key order, control-character escapes (upper-case hex) and float format.
 */
final class CanonicalWriter {
    /**
     * Python sorts str keys by code point; Java's compareTo sorts by UTF-16 unit, which differs only
     * where a surrogate pair meets a character from U+E000 up. So compare units, and only at the
     * first difference, if a surrogate is involved, compare the code points there instead.
     */
    static final Comparator<String> CODE_POINT_ORDER = (a, b) -> {
        int common = Math.min(a.length(), b.length());
        for (int i = 0; i < common; i++) {
            char ca = a.charAt(i);
            char cb = b.charAt(i);
            if (ca != cb) {
                if (!Character.isSurrogate(ca) && !Character.isSurrogate(cb)) {
                    return ca - cb;
                }
                // Equal so far, so a pair split at i started at i - 1 in both strings.
                int at = i > 0 && Character.isHighSurrogate(a.charAt(i - 1)) ? i - 1 : i;
                return Integer.compare(a.codePointAt(at), b.codePointAt(at));
            }
        }
        return a.length() - b.length();
    };

    private static final Map.Entry<?, ?>[] NO_ENTRIES = new Map.Entry<?, ?>[0];

    private static final Comparator<Map.Entry<?, ?>> BY_KEY =
            (a, b) -> CODE_POINT_ORDER.compare((String) a.getKey(), (String) b.getKey());

    /** ASCII characters Python escapes: the C0 controls, '"' and '\\'. */
    private static final boolean[] NEEDS_ESCAPE = new boolean[128];

    static {
        for (int c = 0; c < 0x20; c++) {
            NEEDS_ESCAPE[c] = true;
        }
        NEEDS_ESCAPE['"'] = true;
        NEEDS_ESCAPE['\\'] = true;
    }

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private CanonicalWriter() {}

    /**
     * Writes a plain Java value directly — maps with string keys, lists, strings, numbers, booleans,
     * null, UTC times — and everything else through Jackson's tree ({@code fallback}). Both paths
     * give the same bytes (the corpus and property tests hold either way); the direct one avoids
     * building a tree for the common case of maps and lists.
     */
    static void writeValue(Object value, StringBuilder out, java.util.function.Function<Object, JsonNode> fallback) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof String text) {
            writeString(text, out);
        } else if (value instanceof Boolean bool) {
            out.append(bool ? "true" : "false");
        } else if (value instanceof Integer number) {
            out.append(number.intValue());
        } else if (value instanceof Long number) {
            out.append(number.longValue());
        } else if (value instanceof Short || value instanceof Byte || value instanceof java.math.BigInteger) {
            out.append(value);
        } else if (value instanceof Double number) {
            out.append(PythonFloat.repr(number));
        } else if (value instanceof Float number) {
            out.append(PythonFloat.reprOfFloat(number));
        } else if (value instanceof BigDecimal decimal) {
            out.append(PythonFloat.repr(decimal.doubleValue()));
        } else if (value instanceof JsonNode node) {
            write(node, out);
        } else if (value instanceof JsonText text) {
            out.append(text.json());
        } else if (value instanceof Map<?, ?> map && writeStringKeyedMap(map, out, fallback)) {
            return;
        } else if (value instanceof List<?> list) {
            out.append('[');
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                writeValue(list.get(i), out, fallback);
            }
            out.append(']');
        } else {
            write(fallback.apply(value), out);
        }
    }

    /** Writes a map whose keys are all strings and says true; says false for any other map. */
    private static boolean writeStringKeyedMap(
            Map<?, ?> map, StringBuilder out, java.util.function.Function<Object, JsonNode> fallback) {
        Map.Entry<?, ?>[] entries = map.entrySet().toArray(NO_ENTRIES);
        for (Map.Entry<?, ?> entry : entries) {
            if (!(entry.getKey() instanceof String)) {
                return false;
            }
        }
        Arrays.sort(entries, BY_KEY);
        out.append('{');
        for (int i = 0; i < entries.length; i++) {
            if (i > 0) {
                out.append(',');
            }
            writeString((String) entries[i].getKey(), out);
            out.append(':');
            writeValue(entries[i].getValue(), out, fallback);
        }
        out.append('}');
        return true;
    }

    static String write(JsonNode node) {
        StringBuilder out = new StringBuilder(64);
        write(node, out);
        return out.toString();
    }

    private static void write(JsonNode node, StringBuilder out) {
        switch (node.getNodeType()) {
            case OBJECT -> writeObject(node, out);
            case ARRAY -> writeArray(node, out);
            case STRING -> writeString(node.textValue(), out);
            case NUMBER -> writeNumber(node, out);
            case BOOLEAN -> out.append(node.booleanValue() ? "true" : "false");
            case NULL, MISSING -> out.append("null");
            case BINARY, POJO ->
                throw new IllegalArgumentException("a " + node.getNodeType()
                        + " value has no canonical JSON form; convert it to a string, number, list or map first");
        }
    }

    private static void writeObject(JsonNode node, StringBuilder out) {
        List<Map.Entry<String, JsonNode>> fields = new ArrayList<>(node.properties());
        fields.sort(Map.Entry.comparingByKey(CODE_POINT_ORDER));
        out.append('{');
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            writeString(fields.get(i).getKey(), out);
            out.append(':');
            write(fields.get(i).getValue(), out);
        }
        out.append('}');
    }

    private static void writeArray(JsonNode node, StringBuilder out) {
        out.append('[');
        for (int i = 0; i < node.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            write(node.get(i), out);
        }
        out.append(']');
    }

    private static void writeNumber(JsonNode node, StringBuilder out) {
        if (node.isIntegralNumber()) {
            out.append(node.bigIntegerValue());
        } else if (node.isFloat()) {
            // A Java float means the decimal it prints as (0.1f is 0.1), not its binary expansion.
            out.append(PythonFloat.reprOfFloat(node.floatValue()));
        } else if (node.isBigDecimal()) {
            // Python reads any JSON number with a fraction or exponent as a float.
            BigDecimal decimal = node.decimalValue();
            out.append(PythonFloat.repr(decimal.doubleValue()));
        } else {
            out.append(PythonFloat.repr(node.doubleValue()));
        }
    }

    /** Python's escaping with ensure_ascii=False: only '"', '\\' and C0 controls; all else as is. */
    static void writeString(String s, StringBuilder out) {
        out.append('"');
        int plainFrom = 0; // characters from here up to i need no escape: appended in one go
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 128 ? !NEEDS_ESCAPE[c] : !Character.isSurrogate(c)) {
                continue;
            }
            out.append(s, plainFrom, i);
            plainFrom = i + 1;
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20) {
                        out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xf]);
                    } else if (Character.isHighSurrogate(c)
                            && i + 1 < s.length()
                            && Character.isLowSurrogate(s.charAt(i + 1))) {
                        out.append(c).append(s.charAt(++i));
                        plainFrom = i + 1;
                    } else {
                        throw new IllegalArgumentException("string has an unpaired surrogate (U+"
                                + Integer.toHexString(c).toUpperCase() + ") at index " + i
                                + "; canonical JSON is UTF-8 and cannot hold it");
                    }
                }
            }
        }
        out.append(s, plainFrom, s.length());
        out.append('"');
    }
}
