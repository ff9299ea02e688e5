package dev.runstore.desktop.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runstore.core.db.Database;
import dev.runstore.desktop.main.MainViewModel;
import dev.runstore.desktop.support.ConsoleFixture;
import dev.runstore.desktop.support.Screenshots;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TreeCell;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The SQL tab of the real window over a plain SQLite file, driven like a person would. */
@ExtendWith(ApplicationExtension.class)
class SqlWindowTest {
    static final String ENDLESS =
            "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x+1 FROM c) SELECT count(*) FROM c";

    /** Each test's own folder, so the hash of "every file in the folder" is this test's alone. */
    @TempDir
    Path dir;

    Path file;
    MainViewModel viewModel;
    Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        viewModel = ConsoleFixture.show(stage, false);
    }

    /** A user table named {@code we"ird tab} (450 rows, an index on name) and a table named runs. */
    @BeforeEach
    void plainFile() {
        file = dir.resolve("plain.db");
        try (Database db = Database.open(file)) {
            db.useWrite(h -> {
                h.execute("CREATE TABLE \"we\"\"ird tab\" (id INTEGER PRIMARY KEY, name TEXT, note TEXT)");
                h.execute("CREATE INDEX weird_name ON \"we\"\"ird tab\" (name)");
                h.execute("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i+1 FROM n WHERE i < 450)"
                        + " INSERT INTO \"we\"\"ird tab\" SELECT i, 'n' || i, '{\"i\":' || i || '}' FROM n");
                h.execute("CREATE TABLE runs (id INTEGER PRIMARY KEY, name TEXT)");
                h.execute("INSERT INTO runs (name) VALUES ('a'), ('b'), ('c')");
            });
        }
    }

    @AfterEach
    void screenshotAndClose(TestInfo test) {
        Screenshots.save(
                stage.getScene(),
                "SqlWindowTest-" + test.getTestMethod().orElseThrow().getName());
        org.testfx.util.WaitForAsyncUtils.waitForAsyncFx(
                10_000, viewModel::close); // as the app closes it: on the FX thread
    }

    void openSqlTab(FxRobot robot) {
        robot.interact(() -> viewModel.open(file));
        ConsoleFixture.settle(viewModel);
        ConsoleWindowTest.clickTab(robot, "SQL");
        ConsoleFixture.settle(viewModel);
    }

    /** Replaces the editor's text by typing {@code sql}. */
    static void type(FxRobot robot, String sql) {
        robot.clickOn("#sqlEditor");
        robot.press(KeyCode.CONTROL, KeyCode.A).release(KeyCode.A, KeyCode.CONTROL);
        robot.press(KeyCode.DELETE).release(KeyCode.DELETE);
        robot.write(sql);
    }

    static void ctrlEnter(FxRobot robot) {
        robot.press(KeyCode.CONTROL, KeyCode.ENTER).release(KeyCode.ENTER, KeyCode.CONTROL);
    }

    static String text(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(Label.class).getText();
    }

    static void waitUntil(String what, java.util.concurrent.Callable<Boolean> condition) {
        try {
            WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, condition);
        } catch (TimeoutException e) {
            throw new IllegalStateException("waited 10 s for " + what, e);
        }
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void aTypedQueryRunsWithCtrlEnterIntoTheGridPagedWithItsCount(FxRobot robot) {
        openSqlTab(robot);

        type(robot, "SELECT id, name, note FROM \"we\"\"ird tab\" ORDER BY id");
        ctrlEnter(robot);
        ConsoleFixture.settle(viewModel);

        TableView<List<Object>> grid = robot.lookup("#sqlGrid").queryTableView();
        assertThat(grid.getColumns()).extracting(c -> c.getText()).containsExactly("id", "name", "note");
        assertThat(grid.getItems()).hasSize(200);
        assertThat(grid.getItems().get(0)).containsExactly(1L, "n1", "{\"i\":1}");
        assertThat(text(robot, "#sqlPosition")).isEqualTo("Rows 1–200 of 450 rows");
        assertThat(text(robot, "#sqlElapsed")).matches("\\d+(\\.\\d)? ms");
        assertThat(robot.lookup("#sqlEditor").queryTextInputControl().getText())
                .isEqualTo("SELECT id, name, note FROM \"we\"\"ird tab\" ORDER BY id"); // no newline typed

        robot.clickOn("#sqlNext");
        ConsoleFixture.settle(viewModel);
        assertThat(text(robot, "#sqlPosition")).isEqualTo("Rows 201–400 of 450 rows");
        assertThat(grid.getItems().get(0).get(0)).isEqualTo(201L);
        robot.clickOn("#sqlPrevious");
        ConsoleFixture.settle(viewModel);
        assertThat(text(robot, "#sqlPosition")).isEqualTo("Rows 1–200 of 450 rows");

        robot.clickOn(robot.lookup("#sqlGrid")
                .lookup(".table-row-cell")
                .nth(2)
                .lookup(".table-cell")
                .nth(2)
                .<javafx.scene.Node>query());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#sqlCell").queryTextInputControl().getText()).isEqualTo("{\n  \"i\" : 3\n}");
        assertThat(robot.lookup("#sqlHistory").<String>queryComboBox().getItems())
                .containsExactly("SELECT id, name, note FROM \"we\"\"ird tab\" ORDER BY id");
        Screenshots.save(stage.getScene(), "sql");
    }

    @Test
    void aRefusedDeleteSaysWhyAndLeavesTheFolderByteIdentical(FxRobot robot) throws Exception {
        openSqlTab(robot);
        // After the console opened the file: a read-only open of a WAL file may add -wal and -shm.
        Map<String, String> before = hashes(dir);

        type(robot, "DELETE FROM runs");
        robot.clickOn("#sqlRun");
        ConsoleFixture.settle(viewModel);

        assertThat(robot.lookup("#banner").query().isVisible()).isTrue();
        assertThat(text(robot, "#bannerText")).startsWith("runstore runs read-only SQL: ");
        assertThat(text(robot, "#sqlStatus"))
                .startsWith("Not run: runstore runs read-only SQL: ")
                .contains("use SELECT");
        assertThat(robot.lookup("#sqlStatus").query().getStyleClass()).contains("failed");
        assertThat(robot.lookup("#sqlGrid").queryTableView().getItems()).isEmpty();
        assertThat(hashes(dir)).isEqualTo(before);
        Screenshots.save(stage.getScene(), "sql-refused");

        type(robot, "SELECT count(*) AS n FROM runs");
        ctrlEnter(robot);
        ConsoleFixture.settle(viewModel);
        assertThat(robot.lookup("#sqlGrid").queryTableView().getItems()).containsExactly(List.of(3L));
        assertThat(robot.lookup("#banner").query().isVisible()).isFalse(); // a statement that ran clears it
    }

    @Test
    void cancelStopsAnEndlessQueryAndTheNextStatementRunsAtOnce(FxRobot robot) {
        openSqlTab(robot);
        Button run = robot.lookup("#sqlRun").queryButton();

        type(robot, ENDLESS);
        robot.clickOn("#sqlRun");
        waitUntil("the Run button to become Cancel", () -> run.getText().equals("Cancel"));
        assertThat(text(robot, "#sqlStatus")).isEqualTo("Running…");
        sleep(300);

        long clicked = System.nanoTime();
        robot.clickOn("#sqlRun");
        waitUntil("the panel to stop running", () -> run.getText().equals("Run"));
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - clicked)).isLessThan(5_000);
        assertThat(text(robot, "#sqlStatus")).matches("Cancelled after \\d+ ms");
        assertThat(robot.lookup("#banner").query().isVisible()).isFalse();

        type(robot, "SELECT 1");
        ctrlEnter(robot);
        waitUntil(
                "SELECT 1's row",
                () -> robot.lookup("#sqlGrid").queryTableView().getItems().size() == 1);
        assertThat(robot.lookup("#sqlGrid").queryTableView().getItems()).containsExactly(List.of(1L));

        // Escape cancels too, from the editor.
        type(robot, ENDLESS);
        ctrlEnter(robot);
        waitUntil("the Run button to become Cancel", () -> run.getText().equals("Cancel"));
        sleep(200);
        robot.press(KeyCode.ESCAPE).release(KeyCode.ESCAPE);
        waitUntil("the panel to stop running", () -> run.getText().equals("Run"));
        assertThat(text(robot, "#sqlStatus")).matches("Cancelled after \\d+ ms");
        assertThat(robot.lookup("#sqlGrid").queryTableView().getItems()).isEmpty(); // not SELECT 1's row
        ConsoleFixture.settle(viewModel); // nothing is left running
    }

    @Test
    void explainShowsThePlanTreeWithTheIndexUsed(FxRobot robot) {
        openSqlTab(robot);

        type(robot, "SELECT * FROM \"we\"\"ird tab\" WHERE name = 'n42'");
        robot.clickOn("#sqlExplain");
        ConsoleFixture.settle(viewModel);

        assertThat(robot.lookup("#sqlPlanPane").query().isVisible()).isTrue();
        List<String> used = robot.lookup("#sqlPlan").lookup(".index-used").queryAll().stream()
                .map(node -> ((TreeCell<?>) node).getText())
                .toList();
        assertThat(used).singleElement().asString().contains("USING").contains("weird_name");
        Screenshots.save(stage.getScene(), "sql-plan");

        type(robot, "SELECT * FROM \"we\"\"ird tab\" WHERE note LIKE '%4%'");
        robot.clickOn("#sqlExplain");
        ConsoleFixture.settle(viewModel);
        assertThat(robot.lookup("#sqlPlan").lookup(".full-scan").tryQuery()).isPresent();
        assertThat(robot.lookup("#sqlPlan").lookup(".index-used").tryQuery()).isEmpty();
    }

    /** Every file in {@code folder} by name, as its SHA-256. */
    static Map<String, String> hashes(Path folder) throws Exception {
        Map<String, String> hashes = new TreeMap<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path f : files.toList()) {
                byte[] digest = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(f));
                hashes.put(f.getFileName().toString(), HexFormat.of().formatHex(digest));
            }
        }
        return hashes;
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
