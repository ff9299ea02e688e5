package dev.runstore.desktop.grid;

import com.fasterxml.jackson.databind.JsonNode;
import dev.runstore.core.json.CanonicalJson;
import dev.runstore.core.query.CellText;
import dev.runstore.core.query.MalformedText;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A cell in full, for the cell viewer and for copying: long text whole, JSON pretty-printed, a BLOB
 * as its size and a hex dump, text that is not UTF-8 marked as such. No toolkit: tested plainly.
 */
public final class CellDetail {
    /** A hex dump stops here; the viewer says how much it left out. */
    static final int HEX_DUMP_LIMIT = 4096;

    private CellDetail() {}

    /** What the cell viewer shows for {@code value}. */
    public static String describe(Object value) {
        if (value == null) {
            return "NULL";
        }
        if (value instanceof byte[] blob) {
            return "BLOB, " + blob.length + " bytes\n\n" + hexDump(blob);
        }
        if (value instanceof MalformedText text) {
            byte[] bytes = text.bytes();
            return "TEXT that is not valid UTF-8 (" + bytes.length + " bytes); another program wrote it."
                    + " Its bytes:\n\n" + hexDump(bytes);
        }
        if (value instanceof String text) {
            return prettyJson(text);
        }
        return String.valueOf(value);
    }

    /** What Copy puts on the clipboard for one cell: the value itself, not its one-line summary. */
    public static String copyText(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof byte[] blob) {
            return HexFormat.of().formatHex(blob);
        }
        return value instanceof MalformedText ? value.toString() : String.valueOf(value);
    }

    /** A row as one tab-separated line, as spreadsheets paste it. */
    public static String copyRow(List<Object> values) {
        return values.stream()
                .map(v -> v == null ? "NULL" : copyText(v).replace("\t", " ").replace("\n", " "))
                .collect(Collectors.joining("\t"));
    }

    /** The one-line text of a grid cell. */
    public static String oneLine(Object value) {
        String text = CellText.of(value);
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline) + " …";
    }

    /** JSON objects and arrays pretty-printed; anything else (plain text) as it is. */
    static String prettyJson(String text) {
        String trimmed = text.strip();
        if (!(trimmed.startsWith("{") && trimmed.endsWith("}"))
                && !(trimmed.startsWith("[") && trimmed.endsWith("]"))) {
            return text;
        }
        try {
            JsonNode tree = CanonicalJson.parse(trimmed);
            return tree.toPrettyString();
        } catch (RuntimeException notJson) {
            return text;
        }
    }

    static String hexDump(byte[] bytes) {
        StringBuilder dump = new StringBuilder();
        int shown = Math.min(bytes.length, HEX_DUMP_LIMIT);
        for (int offset = 0; offset < shown; offset += 16) {
            int end = Math.min(offset + 16, shown);
            dump.append(String.format("%08x  ", offset));
            StringBuilder ascii = new StringBuilder();
            for (int i = offset; i < offset + 16; i++) {
                if (i < end) {
                    dump.append(String.format("%02x ", bytes[i] & 0xff));
                    int c = bytes[i] & 0xff;
                    ascii.append(c >= 0x20 && c < 0x7f ? (char) c : '.');
                } else {
                    dump.append("   ");
                }
            }
            dump.append(' ').append(ascii).append('\n');
        }
        if (bytes.length > shown) {
            dump.append("… ").append(bytes.length - shown).append(" more bytes not shown\n");
        }
        return dump.toString();
    }
}
