package dev.runstore.core.cli;

import dev.runstore.core.error.BusyException;
import dev.runstore.core.error.ConflictException;
import dev.runstore.core.error.ConstraintException;
import dev.runstore.core.error.DbException;
import dev.runstore.core.error.ErrorCode;
import dev.runstore.core.error.IncompatibleDatabaseException;
import dev.runstore.core.error.InvalidInputException;
import dev.runstore.core.error.NotFoundException;
import dev.runstore.core.error.OperationRefusedException;

/** The CLI's exit codes: a contract scripts rely on (docs/tooling.md). */
final class ExitCodes {
    static final int OK = 0;
    static final int CHECK_FAILED = 1;
    static final int USAGE = 2;
    static final int NOT_FOUND = 3;
    static final int CONFLICT = 4;
    static final int BUSY = 5;
    static final int REFUSED = 6;
    static final int BAD_INPUT = 7;
    static final int INCOMPATIBLE = 8;

    /** Shown by --help. */
    static final String[] LIST = {
        "0:success",
        "1:check found a problem (or an unexpected failure)",
        "2:usage error",
        "3:not found (database file, run)",
        "4:conflict (duplicate, target file exists)",
        "5:busy: the database stayed locked past the busy timeout",
        "6:refused (reset gating)",
        "7:bad input data (invalid JSON, invalid event)",
        "8:incompatible database (not SQLite, corrupt, schema newer than this program, read-only)"
    };

    private ExitCodes() {}

    static int of(Throwable failure) {
        if (failure instanceof NotFoundException) {
            return NOT_FOUND;
        }
        if (failure instanceof ConflictException) {
            return CONFLICT;
        }
        if (failure instanceof BusyException) {
            return BUSY;
        }
        if (failure instanceof OperationRefusedException) {
            return REFUSED;
        }
        if (failure instanceof InvalidInputException || failure instanceof ConstraintException) {
            return BAD_INPUT;
        }
        if (failure instanceof IncompatibleDatabaseException) {
            return INCOMPATIBLE;
        }
        if (failure instanceof DbException db && db.code() == ErrorCode.INVALID_CONFIG) {
            return USAGE;
        }
        if (failure instanceof IllegalArgumentException) {
            return USAGE;
        }
        return CHECK_FAILED;
    }
}
