package dev.runstore.core.cli;

import dev.runstore.core.error.AccessDeniedException;
import dev.runstore.core.error.BusyException;
import dev.runstore.core.error.IncompatibleDatabaseException;
import dev.runstore.core.error.InvalidUtf8Exception;
import dev.runstore.core.error.NotFoundException;
import dev.runstore.core.error.UnavailableException;
import dev.runstore.core.query.SqlRefusedException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Turns a failure into one {@code error: } line on stderr (and maybe a {@code hint: } line) and the
 * exit code of its kind. Stack traces only with {@code --verbose}.
 */
final class ErrorHandler implements IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception failure, CommandLine command, ParseResult parseResult) {
        return report(failure, command.getErr(), verbose(command));
    }

    /** Prints {@code failure} as an error line (and maybe a hint) and returns its exit code. */
    static int report(Exception failure, PrintWriter err, boolean verbose) {
        err.println("error: " + oneLine(failure.getMessage()));
        String hint = hint(failure);
        if (hint != null) {
            err.println("hint: " + hint);
        }
        if (verbose) {
            failure.printStackTrace(err);
        }
        err.flush();
        return ExitCodes.of(failure);
    }

    static int usage(ParameterException failure, String[] args) {
        PrintWriter err = failure.getCommandLine().getErr();
        err.println("error: " + oneLine(failure.getMessage()));
        err.println("hint: run '" + failure.getCommandLine().getCommandSpec().qualifiedName() + " --help' for usage");
        err.flush();
        return ExitCodes.USAGE;
    }

    private static String hint(Exception failure) {
        InvalidUtf8Exception utf8 = cause(failure, InvalidUtf8Exception.class);
        if (utf8 != null && utf8.byteOrderMark()) {
            return "the input starts with a byte-order mark (U+FEFF), as some Windows editors write; remove it:"
                    + " sed -i '1s/^\\xEF\\xBB\\xBF//' FILE";
        }
        if (utf8 != null) {
            return "the input is not UTF-8; if it is Latin-1 (ISO-8859-1), convert it: iconv -f ISO-8859-1 -t UTF-8"
                    + " FILE > FILE.utf8";
        }
        if (failure instanceof NotFoundException nf && "database file".equals(nf.what())) {
            return "create it with 'runstore migrate' (or 'runstore demo'), or point --db at an existing file";
        }
        if (failure instanceof NotFoundException nf && "PostgreSQL database".equals(nf.what())) {
            return "create it (createdb, or CREATE DATABASE as a superuser), or fix the database name in the URL";
        }
        if (failure instanceof UnavailableException) {
            return "check that the server runs and accepts connections at that host and port, then run the same"
                    + " command again (ingest skips what was already stored)";
        }
        if (failure instanceof AccessDeniedException) {
            return "check the user and password in the URL (?user=...&password=...), or PGUSER and PGPASSWORD";
        }
        if (failure instanceof SqlRefusedException refused) {
            return refused.hint();
        }
        if (failure instanceof BusyException) {
            return "another process keeps a long write transaction open; retry later or raise --busy-timeout";
        }
        if (failure instanceof IncompatibleDatabaseException
                && String.valueOf(failure.getMessage()).contains("newer")) {
            return "a newer runstore migrated this database; upgrade runstore";
        }
        return null;
    }

    private static <T extends Throwable> T cause(Throwable failure, Class<T> type) {
        Throwable t = failure;
        for (int depth = 0; t != null && depth < 10; depth++, t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    private static boolean verbose(CommandLine command) {
        CommandLine root = command;
        while (root.getParent() != null) {
            root = root.getParent();
        }
        return root.getCommand() instanceof RunstoreCli cli && cli.verbose;
    }

    /** One line, with whatever the message quotes from a database or input made safe to print. */
    private static String oneLine(String message) {
        if (message == null || message.isBlank()) {
            return "unexpected failure (run with --verbose for the stack trace)";
        }
        return TerminalText.escape(message.strip().replaceAll("\\s*\\R\\s*", " "));
    }
}
