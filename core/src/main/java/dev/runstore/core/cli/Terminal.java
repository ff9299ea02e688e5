package dev.runstore.core.cli;

import java.io.Console;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The person at the keyboard, if there is one. Tests pass their own. */
interface Terminal {
    /** Whether a person can answer a prompt (stdin and stdout are a terminal). */
    boolean interactive();

    /** Whether stderr is a terminal, so progress lines are worth drawing. */
    boolean stderrIsTerminal();

    /** Asks and returns the answer, or null at end of input. */
    String ask(String prompt);

    static Terminal system() {
        return new Terminal() {
            @Override
            public boolean interactive() {
                return System.console() != null;
            }

            @Override
            public boolean stderrIsTerminal() {
                // Java cannot ask isatty(2); on Linux the fd's link names the device.
                try {
                    String target =
                            Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
                    return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
                } catch (IOException | UnsupportedOperationException | SecurityException e) {
                    return System.console() != null;
                }
            }

            @Override
            public String ask(String prompt) {
                Console console = System.console();
                return console == null ? null : console.readLine("%s", prompt);
            }
        };
    }
}
