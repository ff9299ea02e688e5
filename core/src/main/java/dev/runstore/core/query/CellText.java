package dev.runstore.core.query;

import java.util.HexFormat;

/** How a cell reads in one line, the same in the console's grid and the CLI's text tables. */
public final class CellText {
    /** BLOB bytes shown before the rest is summarised. */
    private static final int BLOB_PREVIEW = 16;

    private CellText() {}

    /** {@code NULL}; a BLOB as {@code x'0a1b…' (300 bytes)}; invalid UTF-8 marked; the rest as text. */
    public static String of(Object value) {
        if (value == null) {
            return "NULL";
        }
        if (value instanceof byte[] blob) {
            String hex = HexFormat.of().formatHex(blob, 0, Math.min(blob.length, BLOB_PREVIEW));
            return "x'" + hex + (blob.length > BLOB_PREVIEW ? "…" : "") + "' (" + blob.length + " bytes)";
        }
        return String.valueOf(value);
    }
}
