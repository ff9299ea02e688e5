package dev.runstore.core.error;

import java.io.Serial;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A uniqueness rule would be broken: a row with the same key already exists. Nothing was written.
 * Retrying the same write fails the same way: choose another value or use the existing row.
 */
public class ConflictException extends DbException {
    @Serial
    private static final long serialVersionUID = 1L;

    private final String table;
    private final List<String> columns;
    private final List<String> values;

    /**
     * @param table the table whose unique rule was hit, or "" when the driver did not say
     * @param columns the unique column(s), possibly empty
     * @param values the attempted values as they may appear in messages (elided), possibly empty
     */
    public ConflictException(String table, List<String> columns, List<?> values, String message, Throwable cause) {
        super(ErrorCode.CONFLICT, message, cause);
        this.table = table;
        this.columns = List.copyOf(columns);
        this.values = values.stream().map(Values::quote).collect(Collectors.toUnmodifiableList());
    }

    /** A conflict whose message is built from table, columns and values. */
    public static ConflictException of(String table, List<String> columns, List<?> values, Throwable cause) {
        String key = columns.stream().map(c -> table + "." + c).collect(Collectors.joining(", "));
        String attempted =
                values.isEmpty() ? "" : " " + values.stream().map(Values::quote).collect(Collectors.joining(", "));
        return new ConflictException(
                table,
                columns,
                values,
                "a row with " + (key.isEmpty() ? "the same key" : key) + attempted + " already exists ("
                        + (key.isEmpty() ? "the key" : key) + " is unique); use another value or update the"
                        + " existing row",
                cause);
    }

    public String table() {
        return table;
    }

    public List<String> columns() {
        return columns;
    }

    /** The attempted values, quoted and elided past 100 characters, as messages show them. */
    public List<String> values() {
        return values;
    }
}
