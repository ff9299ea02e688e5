package dev.runstore.desktop.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runstore.core.admin.CheckResult;
import dev.runstore.core.admin.Demo;
import dev.runstore.core.db.Database;
import dev.runstore.core.db.DatabaseConfig;
import dev.runstore.core.migrate.Environment;
import dev.runstore.core.migrate.Migrator;
import dev.runstore.desktop.app.ConsoleOptions;
import dev.runstore.desktop.connect.RecentConnections;
import dev.runstore.desktop.main.MainViewModel;
import dev.runstore.desktop.support.ConsoleFixture;
import dev.runstore.desktop.support.Screenshots;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.prefs.Preferences;
import java.util.stream.Stream;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TreeView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The real window on PostgreSQL: a fresh schema on the server of RUNSTORE_TEST_PG_URL (.ci/run
 * starts one) opened through {@code --db URL}, every panel visited; and a private server of the
 * test's own (RUNSTORE_TEST_PG_BIN) whose logins need a password, for the Connect dialog, the
 * preferences it writes, a wrong password, and a server stopped and started under the open window.
 */
@ExtendWith(ApplicationExtension.class)
class PostgresConsoleWindowTest {
    static final String PG_URL_VARIABLE = "RUNSTORE_TEST_PG_URL";
    static final String PASSWORD = "pw-" + UUID.randomUUID().toString().substring(0, 8);

    static String seeded;
    static PrivateServer server;

    MainViewModel viewModel;
    Stage stage;
    Preferences prefs;

    @BeforeAll
    static void seed() throws Exception {
        String url = System.getenv(PG_URL_VARIABLE);
        Assumptions.assumeTrue(url != null && !url.isBlank(), PG_URL_VARIABLE + " is not set; .ci/run sets it");
        String schema = "t_"
                + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toLowerCase(Locale.ROOT);
        try (Connection connection = DriverManager.getConnection(url);
                Statement sql = connection.createStatement()) {
            sql.execute("CREATE SCHEMA " + schema);
        }
        seeded = url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        try (Database db = Database.open(DatabaseConfig.postgres(seeded).build())) {
            new Migrator(Environment.DEVELOPMENT).migrate(db);
            Demo.fill(db, 8, 200);
        }
        server = PrivateServer.start(PASSWORD);
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @Start
    void start(Stage stage) {
        this.stage = stage;
        viewModel = ConsoleFixture.show(stage, true);
        prefs = Preferences.userRoot().node("dev/runstore/test/" + UUID.randomUUID());
        viewModel.useRecentConnections(RecentConnections.in(prefs));
    }

    @AfterEach
    void screenshotAndClose(TestInfo test) throws Exception {
        Screenshots.save(
                stage.getScene(),
                "PostgresConsoleWindowTest-"
                        + test.getTestMethod().orElseThrow().getName());
        org.testfx.util.WaitForAsyncUtils.waitForAsyncFx(10_000, viewModel::close);
        prefs.removeNode();
    }

    static String label(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(Label.class).getText();
    }

    void show(FxRobot robot, String tab) {
        ConsoleWindowTest.clickTab(robot, tab);
        ConsoleFixture.settle(viewModel);
    }

    @Test
    void everyPanelWorksOnAServerOpenedWithDbUrl(FxRobot robot) {
        ConsoleOptions options = ConsoleOptions.parse(List.of("--db", seeded));
        assertThat(options.server()).isEqualTo(seeded);
        robot.interact(() -> viewModel.connect(options.server(), null));
        ConsoleFixture.settle(viewModel);

        assertThat(viewModel.bannerProperty().get()).isEmpty();
        assertThat(stage.getTitle()).contains("jdbc:postgresql://127.0.0.1").contains("currentSchema=t_");
        assertThat(label(robot, "#overviewFile")).contains("currentSchema=t_");
        assertThat(label(robot, "#overviewMigrations")).startsWith("version 3 · up to date");
        assertThat(robot.lookup("#overviewTables").queryTableView().getItems()).isNotEmpty();
        assertThat(viewModel.resetTooltipProperty().get()).contains("resets only SQLite files");
        Screenshots.save(stage.getScene(), "postgres-overview");

        show(robot, "Runs");
        assertThat(robot.lookup("#runsTable").queryTableView().getItems()).hasSize(8);

        show(robot, "Structure");
        TreeView<?> tree = robot.lookup("#objectTree").query();
        assertThat(tree.getRoot().getChildren()).isNotEmpty();
        robot.clickOn("events");
        ConsoleFixture.settle(viewModel);
        assertThat(robot.lookup("#columnsTable").queryTableView().getItems()).hasSizeGreaterThan(5);
        Screenshots.save(stage.getScene(), "postgres-structure");

        robot.interact(() -> viewModel.navigation().browse("events"));
        ConsoleFixture.settle(viewModel);
        TableView<?> browse = robot.lookup("#browseGrid").queryTableView();
        assertThat(browse.getItems()).hasSize(200);
        assertThat(label(robot, "#positionLabel")).isEqualTo("Rows 1–200 of 1,600 rows");
        Screenshots.save(stage.getScene(), "postgres-browse");

        show(robot, "SQL");
        SqlWindowTest.type(robot, "SELECT name, $$a;b$$ AS quoted FROM runs ORDER BY id LIMIT 3");
        SqlWindowTest.ctrlEnter(robot);
        ConsoleFixture.settle(viewModel);
        TableView<List<Object>> grid = robot.lookup("#sqlGrid").queryTableView();
        assertThat(grid.getColumns()).extracting(c -> c.getText()).containsExactly("name", "quoted");
        assertThat(grid.getItems())
                .hasSize(3)
                .allSatisfy(row -> assertThat(row.get(1)).isEqualTo("a;b"));
        Screenshots.save(stage.getScene(), "postgres-sql");
        SqlWindowTest.type(robot, "WITH gone AS (DELETE FROM runs RETURNING *) SELECT count(*) FROM gone");
        SqlWindowTest.ctrlEnter(robot);
        ConsoleFixture.settle(viewModel);
        assertThat(label(robot, "#sqlStatus")).contains("read-only");
        SqlWindowTest.type(robot, "DELETE FROM runs");
        SqlWindowTest.ctrlEnter(robot);
        ConsoleFixture.settle(viewModel);
        assertThat(label(robot, "#sqlStatus")).contains("DELETE would change the database");

        show(robot, "Tables");
        TableView<dev.runstore.desktop.tables.TableRow> tables =
                robot.lookup("#tablesTable").queryTableView();
        assertThat(tables.getItems())
                .filteredOn(t -> t.name().equals("runs"))
                .singleElement()
                .satisfies(t -> assertThat(t.rows()).isEqualTo(8));
        assertThat(tables.getItems())
                .filteredOn(t -> t.name().equals("events"))
                .singleElement()
                .satisfies(t -> assertThat(t.rows()).isEqualTo(1_600));

        show(robot, "Migrations");
        assertThat(label(robot, "#current")).isEqualTo("3");
        assertThat(label(robot, "#migrationState")).isEqualTo("Up to date");

        show(robot, "Checks");
        TableView<CheckResult> checks = robot.lookup("#checksTable").queryTableView();
        assertThat(checks.getItems()).isNotEmpty().allMatch(CheckResult::passed);
        assertThat(viewModel.bannerProperty().get()).isEmpty();
    }

    @Test
    void theConnectDialogTakesAPasswordThatNeverReachesThePreferences(FxRobot robot) throws Exception {
        String url = server.url() + "?currentSchema=public";
        // A wrong password first: the banner says the login was refused, and where to fix it.
        connectThroughDialog(robot, url, "postgres", "not-" + PASSWORD);
        assertThat(viewModel.bannerProperty().get())
                .contains("refused the login")
                .contains("password authentication failed")
                .contains("File > Connect to PostgreSQL");
        assertThat(robot.lookup("#banner").query().isVisible()).isTrue();
        Screenshots.save(stage.getScene(), "postgres-wrong-password");

        connectThroughDialog(robot, url, "postgres", PASSWORD);
        assertThat(viewModel.bannerProperty().get()).isEmpty();
        assertThat(viewModel.openProperty().get()).isTrue();
        assertThat(stage.getTitle()).contains(server.url()).doesNotContain(PASSWORD);

        // The password in the URL works too, and is dropped before anything is remembered.
        robot.interact(() -> viewModel.connect(url + "&user=postgres&password=" + PASSWORD, null));
        ConsoleFixture.settle(viewModel);
        assertThat(viewModel.openProperty().get()).isTrue();
        assertThat(stage.getTitle()).contains("password=***").doesNotContain(PASSWORD);

        prefs.flush();
        List<String> stored = new ArrayList<>();
        for (String key : prefs.keys()) {
            stored.add(key);
            stored.add(prefs.get(key, ""));
        }
        assertThat(stored).as("the preferences node's keys and values").isNotEmpty();
        assertThat(String.join("\n", stored)).doesNotContain(PASSWORD).doesNotContainIgnoringCase("password");
        assertThat(viewModel.recentServers()).containsExactly(new RecentConnections.Entry(url, "postgres"));
    }

    void connectThroughDialog(FxRobot robot, String url, String user, String password) {
        robot.press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.O).release(KeyCode.O, KeyCode.SHIFT, KeyCode.CONTROL);
        org.testfx.util.WaitForAsyncUtils.waitForFxEvents();
        replace(robot, "#urlField", "not a url");
        robot.clickOn("#connectButton");
        assertThat(label(robot, "#message")).startsWith("The URL must start with jdbc:postgresql://");
        replace(robot, "#urlField", url);
        replace(robot, "#userField", user);
        replace(robot, "#passwordField", password);
        robot.clickOn("#connectButton");
        ConsoleFixture.settle(viewModel);
    }

    static void replace(FxRobot robot, String field, String text) {
        robot.clickOn(field);
        robot.press(KeyCode.CONTROL, KeyCode.A).release(KeyCode.A, KeyCode.CONTROL);
        robot.press(KeyCode.DELETE).release(KeyCode.DELETE);
        robot.write(text);
    }

    @Test
    void aServerThatStopsShowsTheBannerKeepsTheDataAndRecoversWhenItIsBack(FxRobot robot) throws Exception {
        try (Database db = Database.open(DatabaseConfig.postgres(server.url() + "?user=postgres")
                .password(PASSWORD)
                .build())) {
            db.useWrite(h -> h.execute("CREATE SCHEMA IF NOT EXISTS outage"));
        }
        String url = server.url() + "?user=postgres&currentSchema=outage";
        try (Database db =
                Database.open(DatabaseConfig.postgres(url).password(PASSWORD).build())) {
            new Migrator(Environment.DEVELOPMENT).migrate(db);
            Demo.fill(db, 3, 20);
        }
        robot.interact(() -> viewModel.connect(url, PASSWORD));
        ConsoleFixture.settle(viewModel);
        show(robot, "Runs");
        assertThat(robot.lookup("#runsTable").queryTableView().getItems()).hasSize(3);

        server.stop();
        robot.press(KeyCode.F5).release(KeyCode.F5);
        ConsoleFixture.settle(viewModel);
        assertThat(viewModel.bannerProperty().get())
                .contains("PostgreSQL server")
                .contains("the next refresh (F5) retries")
                .doesNotContain("\n");
        assertThat(robot.lookup("#runsTable").queryTableView().getItems())
                .as("the last data stays")
                .hasSize(3);
        Screenshots.save(stage.getScene(), "postgres-server-down");

        server.startAgain();
        robot.press(KeyCode.F5).release(KeyCode.F5);
        ConsoleFixture.settle(viewModel);
        assertThat(viewModel.bannerProperty().get()).isEmpty();
        assertThat(robot.lookup("#runsTable").queryTableView().getItems()).hasSize(3);
    }

    @Test
    void aPortWithNothingListeningShowsTheBanner(FxRobot robot) throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        robot.interact(() -> viewModel.connect("jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=x", "secret"));
        ConsoleFixture.settle(viewModel);
        assertThat(viewModel.bannerProperty().get())
                .startsWith("cannot connect to the PostgreSQL server of \"jdbc:postgresql://127.0.0.1:" + port)
                .doesNotContain("secret");
        assertThat(viewModel.openProperty().get()).isFalse();
    }

    /**
     * A PostgreSQL server in a temp folder on a free port whose TCP logins need a scram password:
     * initdb refuses root, so as root every server command runs as the postgres user.
     */
    static final class PrivateServer implements AutoCloseable {
        private final Path bin;
        private final Path folder;
        private final int port;

        private PrivateServer(Path bin, Path folder, int port) {
            this.bin = bin;
            this.folder = folder;
            this.port = port;
        }

        static PrivateServer start(String password) throws Exception {
            Path bin = binaries();
            Path folder = Files.createTempDirectory("runstore-console-pg-");
            Path pwfile = folder.resolve("pwfile");
            Files.writeString(pwfile, password + "\n", StandardCharsets.UTF_8);
            if (asRoot()) {
                UserPrincipal postgres =
                        folder.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("postgres");
                Files.setOwner(folder, postgres);
                Files.setOwner(pwfile, postgres);
            }
            run(
                    bin,
                    folder,
                    "initdb",
                    "-D",
                    folder.resolve("data").toString(),
                    "--auth-local=trust",
                    "--auth-host=scram-sha-256",
                    "--pwfile=" + pwfile,
                    "-U",
                    "postgres",
                    "--no-sync",
                    "-E",
                    "UTF8");
            Files.delete(pwfile);
            int port;
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                port = socket.getLocalPort();
            }
            PrivateServer server = new PrivateServer(bin, folder, port);
            server.startAgain();
            return server;
        }

        String url() {
            return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
        }

        void startAgain() {
            run(
                    bin,
                    folder,
                    "pg_ctl",
                    "-D",
                    folder.resolve("data").toString(),
                    "-l",
                    folder.resolve("server.log").toString(),
                    "-w",
                    "-o",
                    "-p " + port + " -c listen_addresses=127.0.0.1 -k " + folder + " -c fsync=off",
                    "start");
        }

        void stop() {
            run(bin, folder, "pg_ctl", "-D", folder.resolve("data").toString(), "-m", "fast", "-w", "stop");
        }

        @Override
        public void close() {
            try {
                run(bin, folder, "pg_ctl", "-D", folder.resolve("data").toString(), "-m", "immediate", "-w", "stop");
            } catch (IllegalStateException alreadyStopped) {
                // a failed test may have left it stopped: the folder goes all the same
            } finally {
                try (Stream<Path> all = Files.walk(folder)) {
                    for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                        Files.deleteIfExists(p);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot delete " + folder, e);
                }
            }
        }

        private static Path binaries() throws IOException {
            String configured = System.getenv("RUNSTORE_TEST_PG_BIN");
            if (configured != null && !configured.isBlank()) {
                return Path.of(configured);
            }
            try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
                return versions.map(v -> v.resolve("bin"))
                        .filter(b -> Files.isExecutable(b.resolve("pg_ctl")))
                        .max(Comparator.comparingInt(b ->
                                Integer.parseInt(b.getParent().getFileName().toString())))
                        .orElseThrow(() -> new IllegalStateException(
                                "no PostgreSQL binaries: set RUNSTORE_TEST_PG_BIN (.ci/postgres.sh does)"));
            }
        }

        private static boolean asRoot() {
            return "root".equals(System.getProperty("user.name"));
        }

        private static void run(Path bin, Path folder, String program, String... args) {
            List<String> command = new ArrayList<>();
            command.add(bin.resolve(program).toString());
            command.addAll(List.of(args));
            if (asRoot()) {
                StringBuilder line = new StringBuilder("exec");
                command.forEach(
                        w -> line.append(" '").append(w.replace("'", "'\\''")).append("'"));
                command = List.of("su", "postgres", "-s", "/bin/sh", "-c", line.toString());
            }
            // To a file, not a pipe: the server pg_ctl starts inherits its output and keeps it open.
            Path output = folder.resolve(program + ".out");
            try {
                Process process = new ProcessBuilder(command)
                        .directory(folder.toFile())
                        .redirectErrorStream(true)
                        .redirectOutput(output.toFile())
                        .start();
                process.getOutputStream().close();
                if (!process.waitFor(120, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new IllegalStateException(program + " did not finish in 120 s");
                }
                if (process.exitValue() != 0) {
                    throw new IllegalStateException(program + " failed (exit " + process.exitValue() + "): "
                            + Files.readString(output, StandardCharsets.UTF_8));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
