package dev.runstore.core.cli;

import dev.runstore.core.query.ExportFormat;
import java.util.Optional;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/**
 * {@code --json} or {@code --csv}, declared once for the commands that print rows ({@code rows},
 * {@code query}); picocli refuses both together while parsing, before anything is opened.
 */
final class RowsOutputOption {
    @ArgGroup(exclusive = true)
    Choice choice;

    static final class Choice {
        @Option(names = "--json", description = "Print one JSON array of objects, keys in column order.")
        boolean json;

        @Option(names = "--csv", description = "Print CSV (RFC 4180) with a header row.")
        boolean csv;
    }

    /** The format asked for; empty for the text table. */
    Optional<ExportFormat> format() {
        if (choice == null) {
            return Optional.empty();
        }
        return Optional.of(choice.json ? ExportFormat.JSON_ARRAY : ExportFormat.CSV);
    }
}
