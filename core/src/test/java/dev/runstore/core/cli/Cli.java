package dev.runstore.core.cli;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Runs the CLI in-process with the production wiring, captured output, and a chosen environment. */
final class Cli {
    record Result(int code, String out, String err) {}

    private final Map<String, String> env = new HashMap<>();
    private java.util.function.Supplier<java.io.InputStream> stdin = java.io.InputStream::nullInputStream;
    private boolean interactive;
    private final Deque<String> answers = new ArrayDeque<>();
    final List<String> prompts = new java.util.ArrayList<>();

    Cli env(String name, String value) {
        env.put(name, value);
        return this;
    }

    Cli stdin(String text) {
        return stdin(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** Raw bytes on stdin, for input that is not (or not only) UTF-8. */
    Cli stdin(byte[] bytes) {
        byte[] copy = bytes.clone();
        this.stdin = () -> new ByteArrayInputStream(copy);
        return this;
    }

    /** A stream on stdin, read as the command reads it (for input too large to hold). */
    Cli stdin(java.io.InputStream in) {
        this.stdin = () -> in;
        return this;
    }

    /** A person at a terminal who answers the prompts with {@code answers}. */
    Cli person(String... answers) {
        this.interactive = true;
        this.answers.addAll(List.of(answers));
        return this;
    }

    Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Terminal terminal = new Terminal() {
            @Override
            public boolean interactive() {
                return interactive;
            }

            @Override
            public boolean stderrIsTerminal() {
                return false;
            }

            @Override
            public String ask(String prompt) {
                prompts.add(prompt);
                return answers.pollFirst();
            }
        };
        CliContext context = new CliContext(Map.copyOf(env), stdin, terminal, Clock.systemUTC());
        int code = RunstoreCli.commandLine(new PrintWriter(out, true), new PrintWriter(err, true), context)
                .execute(args);
        return new Result(code, out.toString(), err.toString());
    }
}
