package dev.runstore.core.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.runstore.core.json.CanonicalJson;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The real runstore-cli.jar in a child process, in a working folder of the test's, under LANG=C
 * and a non-UTC zone, so encoding and time handling are the jar's own. Input and output as bytes.
 */
final class CliJar {
    static final Path JAR = Path.of(System.getProperty("runstore.cli.jar", "target/runstore-cli.jar"))
            .toAbsolutePath();

    record Run(int code, byte[] stdout, String err) {
        String out() {
            return new String(stdout, StandardCharsets.UTF_8);
        }

        JsonNode json() {
            assertThat(code).as("exit code; stderr: %s", err).isZero();
            assertThat(out()).endsWith("\n");
            return CanonicalJson.parse(out());
        }

        List<String> errLines() {
            return err.lines().toList();
        }
    }

    private final Path dir;

    CliJar(Path dir) {
        this.dir = dir;
    }

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /**
     * Startup, not throughput, dominates a CLI call: C1 only and the serial collector make each child
     * start about twice as fast on a loaded machine, and change nothing the tests observe.
     */
    static final List<String> JVM_OPTIONS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

    Run run(Map<String, String> env, byte[] stdin, String... args) {
        List<String> command = new ArrayList<>(List.of(java()));
        command.addAll(JVM_OPTIONS);
        command.addAll(List.of("-jar", JAR.toString()));
        command.addAll(List.of(args));
        return start(command, env, stdin);
    }

    Run run(Map<String, String> env, String stdin, String... args) {
        return run(env, stdin.getBytes(StandardCharsets.UTF_8), args);
    }

    Run run(String... args) {
        return run(Map.of(), new byte[0], args);
    }

    /**
     * Runs {@code sh -c script} with {@code $JAVA} and {@code $JAR} set: for arguments that Java
     * cannot pass as strings (bytes that are not UTF-8).
     */
    Run shell(String script) {
        return start(List.of("/bin/sh", "-c", script), Map.of("JAVA", java(), "JAR", JAR.toString()), new byte[0]);
    }

    private Run start(List<String> command, Map<String, String> env, byte[] stdin) {
        try {
            ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
            builder.environment().remove("RUNSTORE_DB");
            builder.environment().remove("RUNSTORE_ALLOW_RESET");
            builder.environment().put("LANG", "C");
            builder.environment().put("LC_ALL", "C");
            builder.environment().put("TZ", "Asia/Kathmandu");
            builder.environment().putAll(env);
            Process process = builder.start();
            CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()));
            CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
            try (OutputStream in = process.getOutputStream()) {
                in.write(stdin);
            } catch (IOException closedEarly) {
                // The command refused the input before reading all of it: its exit code says why.
            }
            assertThat(process.waitFor(120, TimeUnit.SECONDS))
                    .as("%s finished", command)
                    .isTrue();
            return new Run(process.exitValue(), out.get(), new String(err.get(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] readAll(InputStream in) {
        try (in) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            in.transferTo(bytes);
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Where {@code needle} first occurs in {@code haystack}, or -1: for finding bytes in raw output. */
    static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
