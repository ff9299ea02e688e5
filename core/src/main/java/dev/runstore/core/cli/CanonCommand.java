package dev.runstore.core.cli;

import dev.runstore.core.error.InvalidInputException;
import dev.runstore.core.json.JsonLines;
import dev.runstore.core.json.JsonText;
import java.io.InputStream;
import java.util.concurrent.Callable;
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
        InputStream in = root.context.stdin().get();
        if (lines) {
            JsonLines input = new JsonLines(in);
            for (String line; (line = input.next()) != null; ) {
                if (!JsonLines.isBlank(line)) {
                    root.out().println(render(line, "line " + input.lineNumber() + ": "));
                }
            }
        } else {
            root.out().println(render(JsonLines.readDocument(in, JsonLines.DEFAULT_MAX_LINE_BYTES), ""));
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
