package dev.runstore.core.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runstore.core.backend.Backend;
import dev.runstore.core.cli.CliJar.Run;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What only a database server has, through the real jar: a server that is not there, one that
 * never answers, a refused login, a missing database, and a restart in the middle of an ingest.
 * Each failure is one {@code error:} line (at most one {@code hint:}), a documented exit code,
 * within the busy timeout, with no stack trace and the password never shown.
 */
class PostgresConnectionFailuresIT {
    static final String PASSWORD_URL_VARIABLE = "RUNSTORE_TEST_PG_PASSWORD_URL";

    /** Recognisable, so a leak anywhere in the output is found. */
    static final String SECRET = "Hunter2-runstore-SECRET";

    static final int BUSY_TIMEOUT_MS = 4_000;

    @TempDir
    Path dir;

    static final class Timed {
        final Run run;
        final long millis;

        Timed(Run run, long millis) {
            this.run = run;
            this.millis = millis;
        }
    }

    Timed cli(String stdin, String db, String... args) {
        List<String> all = new ArrayList<>(List.of("--db=" + db, "--busy-timeout=" + BUSY_TIMEOUT_MS));
        all.addAll(List.of(args));
        long start = System.nanoTime();
        Run run = new CliJar(dir).run(Map.of(), stdin, all.toArray(String[]::new));
        return new Timed(run, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
    }

    /** One error line, maybe one hint, the exit code, in time, and the password nowhere. */
    static void assertCleanFailure(Timed timed, int code, String... errorContains) {
        Run run = timed.run;
        assertThat(run.code()).as("exit code; stderr: %s", run.err()).isEqualTo(code);
        List<String> lines = run.errLines();
        assertThat(lines).hasSizeBetween(1, 2);
        assertThat(lines.get(0)).startsWith("error: ").contains(errorContains);
        if (lines.size() == 2) {
            assertThat(lines.get(1)).startsWith("hint: ");
        }
        assertThat(run.err()).doesNotContain("\tat ", "Exception", SECRET);
        assertThat(run.out()).isEmpty();
        assertThat(timed.millis).as("milliseconds until the process exited").isLessThan(2L * BUSY_TIMEOUT_MS);
    }

    static String sharedServerUrl() {
        String url = System.getenv(Backend.PG_URL_VARIABLE);
        Assumptions.assumeTrue(
                url != null && !url.isBlank(),
                Backend.PG_URL_VARIABLE + " is not set; .ci/run sets it for a throwaway server");
        return url;
    }

    /** host:port of a jdbc:postgresql:// URL. */
    static String hostAndPort(String url) {
        Matcher m = Pattern.compile("^jdbc:postgresql://([^/?]+)").matcher(url);
        assertThat(m.find()).as("a host in %s", url).isTrue();
        return m.group(1);
    }

    static String oneEvent() {
        return "{\"seq\":1,\"ts\":\"2026-11-27T09:00:00Z\",\"level\":\"info\",\"kind\":\"k\"}\n";
    }

    @Test
    void aServerThatIsNotThereIsExitFiveRightAway() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        String db = "jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=postgres&password=" + SECRET;

        for (Timed timed :
                List.of(cli("", db, "status"), cli("", db, "migrate"), cli(oneEvent(), db, "ingest", "--run", "r"))) {
            assertCleanFailure(timed, 5, "cannot connect to the PostgreSQL server", "127.0.0.1:" + port, "***");
            assertThat(timed.run.errLines()).hasSize(2);
            assertThat(timed.run.errLines().get(1)).contains("run the same command again");
        }
    }

    @Test
    void aServerThatAcceptsButNeverAnswersIsExitFiveWithinTheBusyTimeout() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            // Connections complete in the kernel's backlog and are never answered: a hung server.
            String db = "jdbc:postgresql://127.0.0.1:" + silent.getLocalPort() + "/postgres?user=postgres&password="
                    + SECRET;

            Timed read = cli("", db, "status");
            Timed write = cli(oneEvent(), db, "ingest", "--run", "r");

            for (Timed timed : List.of(read, write)) {
                assertCleanFailure(timed, 5, "cannot connect to the PostgreSQL server", "timed out");
                assertThat(timed.millis).isGreaterThanOrEqualTo(BUSY_TIMEOUT_MS - 1_000L);
            }
        }
    }

    @Test
    void aWrongPasswordOrUnknownRoleIsRefusedWithExitSixAndTheRightOneWorks() throws Exception {
        String shared = sharedServerUrl();
        String passwordUrl = System.getenv(PASSWORD_URL_VARIABLE);
        assertThat(passwordUrl)
                .as(PASSWORD_URL_VARIABLE + " (a role that must log in with a password; .ci/postgres.sh creates it)")
                .isNotBlank();
        Matcher credentials = Pattern.compile("user=([^&]+)&password=([^&]+)").matcher(passwordUrl);
        assertThat(credentials.find())
                .as("user= and password= in %s", passwordUrl)
                .isTrue();
        String role = credentials.group(1);
        String password = credentials.group(2);
        String schema = "t_"
                + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toLowerCase(Locale.ROOT);
        try (Connection admin = DriverManager.getConnection(shared);
                Statement sql = admin.createStatement()) {
            sql.execute("CREATE SCHEMA " + schema + " AUTHORIZATION " + role);
        }
        String right = passwordUrl + "&currentSchema=" + schema;
        String wrong = right.replace("password=" + password, "password=" + SECRET);
        String unknownRole = right.replace("user=" + role, "user=no_such_role_" + schema);

        Timed refused = cli("", wrong, "migrate");
        Timed refusedIngest = cli(oneEvent(), wrong, "ingest", "--run", "r");
        Timed unknown = cli("", unknownRole, "status");
        Timed allowed = cli("", right, "migrate");

        assertCleanFailure(refused, 6, "refused the login", "password authentication failed for user \"" + role + "\"");
        assertCleanFailure(refusedIngest, 6, "refused the login");
        assertThat(refused.run.errLines().get(1)).contains("password");
        assertCleanFailure(unknown, 6, "refused the login");
        assertThat(allowed.run.code()).as(allowed.run.err()).isZero();
        assertThat(allowed.run.out())
                .startsWith("applied 1, 2, 3; ")
                .contains("password=***")
                .doesNotContain(password);
        try (Connection admin = DriverManager.getConnection(shared);
                Statement sql = admin.createStatement();
                ResultSet tables = sql.executeQuery("SELECT count(*) FROM pg_tables WHERE schemaname = '" + schema
                        + "' AND tableowner = '" + role + "'")) {
            tables.next();
            assertThat(tables.getInt(1))
                    .as("runstore's five tables, made by the allowed migrate alone")
                    .isEqualTo(5);
        }
    }

    @Test
    void aMissingDatabaseIsExitThreeNamingIt() {
        String shared = sharedServerUrl();
        String name = "runstore_missing_" + UUID.randomUUID().toString().substring(0, 8);
        String db = "jdbc:postgresql://" + hostAndPort(shared) + "/" + name + "?user=postgres&password=" + SECRET;

        for (Timed timed : List.of(cli("", db, "status"), cli(oneEvent(), db, "ingest", "--run", "r"))) {
            assertCleanFailure(timed, 3, "the PostgreSQL database \"" + name + "\"", "does not exist");
            assertThat(timed.run.errLines()).hasSize(2);
            assertThat(timed.run.errLines().get(1)).contains("createdb");
        }
    }

    // ---- a restart in the middle of an ingest -----------------------------------------------------

    static final int EVENTS = 200_000;

    @Test
    void aServerRestartedMidIngestFailsItCleanlyAndTheSameCommandThenCompletesExactly() throws Exception {
        Path input = dir.resolve("events.jsonl");
        StringBuilder lines = new StringBuilder(EVENTS * 80);
        for (int seq = 1; seq <= EVENTS; seq++) {
            lines.append("{\"seq\":")
                    .append(seq)
                    .append(",\"ts\":\"2026-11-27T09:00:00Z\",\"level\":\"info\",\"kind\":\"k\",\"message\":\"m")
                    .append(seq)
                    .append("\"}\n");
        }
        Files.writeString(input, lines);
        try (PrivatePostgres server = PrivatePostgres.start()) {
            String db = server.url();

            Process first = ingest(db, input, "first");
            long stored = waitUntilStored(db, first, 2_000);
            // The restart lands while a statement of a batch is in flight, not between batches
            // (where the next BEGIN would simply fail): a table lock holds the ingest's INSERT
            // until the server ends both sessions.
            Connection blocker = DriverManager.getConnection(db);
            blocker.setAutoCommit(false);
            try (Statement sql = blocker.createStatement()) {
                sql.execute("LOCK TABLE events IN EXCLUSIVE MODE");
            }
            waitUntilIngestWaitsForTheLock(db, first);
            long restartedAt = System.nanoTime();
            server.restart("fast");
            closeQuietly(blocker);
            boolean exited = first.waitFor(60, TimeUnit.SECONDS);
            if (!exited) {
                first.destroyForcibly();
            }
            assertThat(exited)
                    .as("the ingest exited within 60 s of the restart")
                    .isTrue();
            long exitAfterRestartMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - restartedAt);
            List<String> err = Files.readAllLines(dir.resolve("first.err"), StandardCharsets.UTF_8);

            assertThat(first.exitValue()).as("exit code; stderr: %s", err).isEqualTo(5);
            assertThat(err).hasSizeBetween(1, 2);
            assertThat(err.get(0)).startsWith("error: ").contains("PostgreSQL server of \"" + db + "\"");
            if (err.size() == 2) {
                assertThat(err.get(1)).startsWith("hint: ");
            }
            assertThat(String.join("\n", err)).doesNotContain("\tat ", "Exception");
            assertThat(Files.readString(dir.resolve("first.out"))).isEmpty();
            long afterFailure = storedEvents(db);
            assertThat(afterFailure)
                    .as(
                            "events stored before the restart (%d seen mid-ingest; exit %d ms after the restart)",
                            stored, exitAfterRestartMs)
                    .isBetween(stored, (long) EVENTS - 1);

            Process again = ingest(db, input, "again");
            assertThat(again.waitFor(300, TimeUnit.SECONDS)).isTrue();
            assertThat(again.exitValue())
                    .as("stderr: %s", Files.readString(dir.resolve("again.err")))
                    .isZero();
            assertThat(Files.readString(dir.resolve("again.out")))
                    .isEqualTo("run big: " + (EVENTS - afterFailure) + " inserted, " + afterFailure + " skipped\n");
            try (Connection plain = DriverManager.getConnection(db);
                    Statement sql = plain.createStatement();
                    ResultSet rs = sql.executeQuery("SELECT count(*), count(DISTINCT seq), min(seq), max(seq),"
                            + " (SELECT status FROM runs WHERE name = 'big') FROM events")) {
                rs.next();
                assertThat(rs.getLong(1)).isEqualTo(EVENTS);
                assertThat(rs.getLong(2)).isEqualTo(EVENTS);
                assertThat(rs.getLong(3)).isEqualTo(1);
                assertThat(rs.getLong(4)).isEqualTo(EVENTS);
                assertThat(rs.getString(5)).isEqualTo("succeeded");
            }
        }
    }

    private Process ingest(String db, Path input, String name) throws IOException {
        return new ProcessBuilder(
                        CliJar.java(),
                        "-jar",
                        CliJar.JAR.toString(),
                        "--db=" + db,
                        "ingest",
                        "--run",
                        "big",
                        "--batch",
                        "100")
                .directory(dir.toFile())
                .redirectInput(input.toFile())
                .redirectOutput(dir.resolve(name + ".out").toFile())
                .redirectError(dir.resolve(name + ".err").toFile())
                .start();
    }

    /** Waits until the ingest has committed at least {@code atLeast} events, while it still runs. */
    private static long waitUntilStored(String db, Process ingest, long atLeast) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            assertThat(ingest.isAlive())
                    .as("the ingest still runs (it must not finish before the restart)")
                    .isTrue();
            long stored = storedEvents(db);
            if (stored >= atLeast) {
                return stored;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the ingest stored fewer than " + atLeast + " events in 120 s");
    }

    private static void waitUntilIngestWaitsForTheLock(String db, Process ingest) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        try (Connection plain = DriverManager.getConnection(db);
                Statement sql = plain.createStatement()) {
            while (System.nanoTime() < deadline) {
                assertThat(ingest.isAlive()).as("the ingest still runs").isTrue();
                try (ResultSet rs = sql.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE application_name ="
                        + " 'runstore' AND wait_event_type = 'Lock'")) {
                    rs.next();
                    if (rs.getInt(1) > 0) {
                        return;
                    }
                }
                Thread.sleep(20);
            }
        }
        throw new AssertionError("the ingest never waited for the table lock");
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException ended) {
            // The restart ended this session: nothing is left to close.
        }
    }

    private static long storedEvents(String db) throws SQLException {
        try (Connection plain = DriverManager.getConnection(db);
                Statement sql = plain.createStatement()) {
            try (ResultSet tables = sql.executeQuery("SELECT to_regclass('events') IS NOT NULL")) {
                tables.next();
                if (!tables.getBoolean(1)) {
                    return 0;
                }
            }
            try (ResultSet rs = sql.executeQuery("SELECT count(*) FROM events")) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
