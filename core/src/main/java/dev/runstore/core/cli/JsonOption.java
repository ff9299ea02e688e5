package dev.runstore.core.cli;

import picocli.CommandLine.Option;

/** {@code --json}, declared once for every command that can print one JSON document instead of text. */
final class JsonOption {
    @Option(names = "--json", description = "Print one JSON document.")
    boolean json;
}
