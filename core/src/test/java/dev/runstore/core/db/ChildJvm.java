package dev.runstore.core.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A {@link WriterProcess} started as a real second JVM on the test classpath. */
final class ChildJvm {
    private static final Pattern DONE = Pattern.compile("done rows=(\\d+) failures=(\\d+)");

    private final Process process;
    private final BufferedReader stdout;
    private final Writer stdin;

    private ChildJvm(Process process) {
        this.process = process;
        this.stdout = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        this.stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
    }

    static ChildJvm start(Path db, String workload, String writer, int transactions, Path log) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                WriterProcess.class.getName(),
                db.toString(),
                workload,
                writer,
                Integer.toString(transactions)));
        Process process =
                new ProcessBuilder(command).redirectError(log.toFile()).start();
        return new ChildJvm(process);
    }

    void awaitReady() throws IOException {
        assertThat(stdout.readLine()).as("child's first line").isEqualTo("ready");
    }

    /** Reads the child's next line of output. */
    String nextLine() throws IOException {
        return stdout.readLine();
    }

    /** SIGKILL, and wait for it to be gone. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    void go() throws IOException {
        stdin.write("go\n");
        stdin.flush();
    }

    /** Waits for the child to finish and returns the rows it reports; fails on any failure. */
    long awaitDone(long timeoutSeconds) throws Exception {
        String last = null;
        for (String line; (line = stdout.readLine()) != null; ) {
            last = line;
        }
        assertThat(process.waitFor(timeoutSeconds, TimeUnit.SECONDS))
                .as("child finished in time")
                .isTrue();
        assertThat(last).as("child's last line").isNotNull();
        Matcher m = DONE.matcher(last);
        assertThat(m.matches()).as("child's last line: %s", last).isTrue();
        assertThat(Integer.parseInt(m.group(2)))
                .as("failed transactions in child")
                .isZero();
        assertThat(process.exitValue()).isZero();
        return Long.parseLong(m.group(1));
    }

    void destroy() {
        process.destroyForcibly();
    }
}
