package dev.runstore.core.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A PostgreSQL server of one test's own, in a temp folder on a free port: for what must not happen
 * to the shared server (a restart). The binaries come from RUNSTORE_TEST_PG_BIN (.ci/postgres.sh
 * exports it), else the newest /usr/lib/postgresql/N/bin. initdb refuses to run as root, so as
 * root every server command runs as the postgres user.
 */
final class PrivatePostgres implements AutoCloseable {
    static final String BIN_VARIABLE = "RUNSTORE_TEST_PG_BIN";

    private final Path bin;
    private final Path folder;
    private final int port;

    private PrivatePostgres(Path bin, Path folder, int port) {
        this.bin = bin;
        this.folder = folder;
        this.port = port;
    }

    static PrivatePostgres start() throws Exception {
        Path bin = binaries();
        Path folder = Files.createTempDirectory("runstore-private-pg-");
        try {
            if (asRoot()) {
                UserPrincipal postgres =
                        folder.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("postgres");
                Files.setOwner(folder, postgres);
            }
            run(
                    bin,
                    folder,
                    120,
                    "initdb",
                    "-D",
                    folder.resolve("data").toString(),
                    "-A",
                    "trust",
                    "-U",
                    "postgres",
                    "--no-sync",
                    "-E",
                    "UTF8");
            // A port found free can be taken before the server binds it; then another is tried.
            IllegalStateException last = null;
            for (int attempt = 0; attempt < 3; attempt++) {
                int port = freePort();
                try {
                    pgCtl(
                            bin,
                            folder,
                            "-o",
                            "-p " + port + " -c listen_addresses=127.0.0.1 -k " + folder
                                    + " -c fsync=off -c max_connections=50",
                            "start");
                    return new PrivatePostgres(bin, folder, port);
                } catch (IllegalStateException e) {
                    last = e;
                }
            }
            throw last;
        } catch (Exception | Error e) {
            delete(folder);
            throw e;
        }
    }

    String url() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=postgres";
    }

    /** {@code pg_ctl restart -m mode}: the server ends every session, stops and starts again. */
    void restart(String mode) {
        pgCtl(bin, folder, "-m", mode, "restart");
    }

    /** {@code pg_ctl} on this server's data folder, logging to its server.log, waiting until done. */
    private static void pgCtl(Path bin, Path folder, String... options) {
        List<String> args = new ArrayList<>(List.of(
                "-D",
                folder.resolve("data").toString(),
                "-l",
                folder.resolve("server.log").toString(),
                "-w"));
        args.addAll(List.of(options));
        run(bin, folder, 120, "pg_ctl", args.toArray(String[]::new));
    }

    @Override
    public void close() {
        try {
            run(bin, folder, 60, "pg_ctl", "-D", folder.resolve("data").toString(), "-m", "immediate", "-w", "stop");
        } finally {
            delete(folder);
        }
    }

    private static Path binaries() {
        String configured = System.getenv(BIN_VARIABLE);
        if (configured != null && !configured.isBlank()) {
            Path bin = Path.of(configured);
            assertThat(bin.resolve("pg_ctl"))
                    .as(BIN_VARIABLE + " names the server's bin folder")
                    .isExecutable();
            return bin;
        }
        Path installed = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(installed)) {
            try (Stream<Path> versions = Files.list(installed)) {
                List<Path> bins = versions.map(v -> v.resolve("bin"))
                        .filter(b -> Files.isExecutable(b.resolve("pg_ctl")))
                        .sorted(Comparator.comparing(
                                (Path b) -> b.getParent().getFileName().toString(),
                                Comparator.comparingInt(v -> v.matches("\\d+") ? Integer.parseInt(v) : -1)))
                        .toList();
                if (!bins.isEmpty()) {
                    return bins.get(bins.size() - 1);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        Assumptions.abort("no PostgreSQL server binaries: set " + BIN_VARIABLE + " (.ci/postgres.sh does)");
        throw new AssertionError("unreachable");
    }

    private static boolean asRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void run(Path bin, Path folder, int timeoutSeconds, String program, String... args) {
        List<String> command = new ArrayList<>();
        command.add(bin.resolve(program).toString());
        command.addAll(List.of(args));
        if (asRoot()) {
            command = List.of("su", "postgres", "-s", "/bin/sh", "-c", shellQuoted(command));
        }
        // To a file, not a pipe: a server that pg_ctl starts inherits its output and keeps a pipe
        // open for as long as it runs, so reading to the end would never end.
        Path output = folder.resolve(program + ".out");
        try {
            Process process = new ProcessBuilder(command)
                    .directory(folder.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile())
                    .start();
            process.getOutputStream().close();
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(program + " did not finish in " + timeoutSeconds + " s");
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException(program + " failed (exit " + process.exitValue() + "): "
                        + Files.readString(output, StandardCharsets.UTF_8) + serverLog(folder));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String serverLog(Path folder) {
        try {
            Path log = folder.resolve("server.log");
            return Files.exists(log) ? "\nserver.log:\n" + Files.readString(log) : "";
        } catch (IOException e) {
            return "";
        }
    }

    private static String shellQuoted(List<String> command) {
        StringBuilder line = new StringBuilder("exec");
        for (String word : command) {
            line.append(" '").append(word.replace("'", "'\\''")).append("'");
        }
        return line.toString();
    }

    private static void delete(Path folder) {
        try (Stream<Path> all = Files.walk(folder)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the private server's folder " + folder, e);
        }
    }
}
