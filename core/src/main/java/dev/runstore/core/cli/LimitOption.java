package dev.runstore.core.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code --limit}, declared once for the listing commands; each passes its own default. Checked
 * while the command line is parsed, so a bad value never reaches the database.
 */
final class LimitOption {
    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    private int limit;
    private boolean given;

    LimitOption(int defaultLimit) {
        this.limit = defaultLimit;
    }

    LimitOption() {
        this(20);
    }

    int limit() {
        return limit;
    }

    /** The limit for --json and --csv output: all rows, unless --limit was given. */
    long limitIfGiven() {
        return given ? limit : Long.MAX_VALUE;
    }

    @Option(names = "--limit", paramLabel = "<n>", description = "At most this many (default: ${DEFAULT-VALUE}).")
    void limit(int value) {
        if (value < 1) {
            throw new ParameterException(command.commandLine(), "--limit must be at least 1 (was " + value + ")");
        }
        this.limit = value;
        this.given = true;
    }
}
