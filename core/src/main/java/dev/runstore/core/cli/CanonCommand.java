package dev.runstore.core.cli;

import dev.runstore.core.error.InvalidInputException;
import dev.runstore.core.json.JsonText;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(
        name = "canon",
        description = "Read JSON from stdin and write its canonical form (Python's json.dumps(..., sort_keys=True,"
                + " separators=(\",\", \":\"), ensure_ascii=False)), or its SHA-256.")
final class CanonCommand implements Callable<Integer> {
    @ParentCommand
    RunstoreCli root;

    @Option(names = "--lines", description = "One JSON document per line (JSON Lines), one output line each.")
    boolean lines;

    @Option(names = "--sha256", description = "Write the lowercase hex SHA-256 of the canonical UTF-8 bytes instead.")
    boolean sha256;

    @Override
    public Integer call() {
        BufferedReader in = root.context.stdin().get();
        try {
            if (lines) {
                long number = 0;
                for (String line; (line = in.readLine()) != null; ) {
                    number++;
                    if (!line.isBlank()) {
                        root.out().println(render(line, "line " + number + ": "));
                    }
                }
            } else {
                root.out().println(render(in.lines().collect(Collectors.joining("\n")), ""));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read stdin", e);
        }
        root.out().flush();
        return ExitCodes.OK;
    }

    private String render(String json, String where) {
        JsonText text;
        try {
            text = JsonText.parse(json);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(where + e.getMessage(), e);
        }
        return sha256 ? text.sha256Hex() : text.json();
    }
}
