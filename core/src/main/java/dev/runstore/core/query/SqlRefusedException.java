package dev.runstore.core.query;

import dev.runstore.core.error.OperationRefusedException;
import java.io.Serial;

/**
 * A statement {@link ReadOnlySql} will not run because it could change the database, another
 * file or the connection. Nothing was prepared or changed. The message says what the statement
 * would have done; {@link #hint()} says what is allowed instead.
 */
public final class SqlRefusedException extends OperationRefusedException {
    @Serial
    private static final long serialVersionUID = 1L;

    /** What to do instead, for the CLI's {@code hint:} line and the console. */
    public static final String HINT = "use SELECT, WITH, VALUES, EXPLAIN or a reading PRAGMA (table_info, index_list,"
            + " integrity_check, …); runstore never changes the database from typed SQL";

    SqlRefusedException(String what) {
        super("runstore runs read-only SQL: " + what);
    }

    public String hint() {
        return HINT;
    }
}
