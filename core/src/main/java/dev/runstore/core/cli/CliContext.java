package dev.runstore.core.cli;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What the CLI reads from its surroundings: environment variables, stdin (always UTF-8, whatever
 * the locale), the terminal and the clock. {@link #system()} in production; tests pass their own.
 */
record CliContext(Map<String, String> env, Supplier<BufferedReader> stdin, Terminal terminal, Clock clock) {
    static CliContext system() {
        return new CliContext(
                System.getenv(),
                () -> new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)),
                Terminal.system(),
                Clock.systemUTC());
    }

    String env(String name) {
        return env.get(name);
    }
}
