package dev.runstore.core.cli;

import dev.runstore.core.error.AccessDeniedException;
import dev.runstore.core.error.BusyException;
import dev.runstore.core.error.ConflictException;
import dev.runstore.core.error.ConstraintException;
import dev.runstore.core.error.DbException;
import dev.runstore.core.error.ErrorCode;
import dev.runstore.core.error.IncompatibleDatabaseException;
import dev.runstore.core.error.InvalidInputException;
import dev.runstore.core.error.NotFoundException;
import dev.runstore.core.error.OperationRefusedException;
import dev.runstore.core.error.UnavailableException;

/** The CLI's exit codes: a contract scripts rely on (docs/tooling.md; --help lists them from RunstoreCli). */
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

    private ExitCodes() {}

    static int of(Throwable failure) {
        if (failure instanceof NotFoundException) {
            return NOT_FOUND;
        }
        if (failure instanceof ConflictException) {
            return CONFLICT;
        }
        // Both mean "nothing more was written, the same command may work later": scripts retry on 5.
        if (failure instanceof BusyException || failure instanceof UnavailableException) {
            return BUSY;
        }
        // A refused login is a gate like reset's: retrying unchanged fails the same way.
        if (failure instanceof OperationRefusedException || failure instanceof AccessDeniedException) {
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
