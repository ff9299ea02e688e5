package dev.runstore.core.cli;

import java.io.InputStream;
import java.time.Clock;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What the CLI reads from its surroundings: environment variables, stdin (as bytes: the commands
 * decode it as strict UTF-8, whatever the locale), the terminal and the clock. {@link #system()} in production; tests pass their own.
 */
record CliContext(Map<String, String> env, Supplier<InputStream> stdin, Terminal terminal, Clock clock) {
    static CliContext system() {
        return new CliContext(System.getenv(), () -> System.in, Terminal.system(), Clock.systemUTC());
    }

    String env(String name) {
        return env.get(name);
    }
}
