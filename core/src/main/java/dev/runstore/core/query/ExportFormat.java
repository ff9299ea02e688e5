package dev.runstore.core.query;

/** How {@link ReadOnlySql#export} writes rows. BLOBs are lower-case hex in every format. */
public enum ExportFormat {
    /** RFC 4180: a header row, CRLF line ends, NULL as an empty field and an empty string as "". */
    CSV,
    /** One canonical JSON object per line, keys in column order. */
    JSON_LINES,
    /** One JSON array of such objects, then a newline. */
    JSON_ARRAY
}
