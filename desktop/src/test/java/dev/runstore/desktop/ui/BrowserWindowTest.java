package dev.runstore.desktop.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runstore.desktop.main.MainViewModel;
import dev.runstore.desktop.support.ConsoleFixture;
import dev.runstore.desktop.support.Screenshots;
import dev.runstore.desktop.support.Seed;
import java.nio.file.Path;
import java.util.List;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TreeView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The overview, structure and browser panels on a real window over a database with user tables. */
@ExtendWith(ApplicationExtension.class)
class BrowserWindowTest {
    @TempDir
    static Path dir;

    static Path seeded;

    MainViewModel viewModel;
    Stage stage;

    @BeforeAll
    static void seed() {
        seeded = Seed.withUserTables(dir, "browse.db");
    }

    @Start
    void start(Stage stage) {
        this.stage = stage;
        viewModel = ConsoleFixture.show(stage, false);
    }

    @AfterEach
    void screenshotAndClose(TestInfo test) {
        Screenshots.save(
                stage.getScene(),
                "BrowserWindowTest-" + test.getTestMethod().orElseThrow().getName());
        org.testfx.util.WaitForAsyncUtils.waitForAsyncFx(
                10_000, viewModel::close); // as the app closes it: on the FX thread
    }

    void open(FxRobot robot) {
        robot.interact(() -> viewModel.open(seeded));
        ConsoleFixture.settle(viewModel);
    }

    @Test
    void theConsoleLandsOnTheOverviewWithEverythingAtAGlance(FxRobot robot) {
        open(robot);
        assertThat(label(robot, "#overviewFile"))
                .isEqualTo(seeded.toAbsolutePath().toString());
        assertThat(label(robot, "#overviewMigrations")).startsWith("version 3 · up to date");
        assertThat(label(robot, "#overviewChecks")).matches("All \\d+ checks passed");
        assertThat(label(robot, "#overviewRuns")).contains("1 running");
        TableView<?> tables = robot.lookup("#overviewTables").queryTableView();
        assertThat(tables.getItems()).hasSizeGreaterThan(6);
        Screenshots.save(stage.getScene(), "overview");

        robot.clickOn("Details"); // the first link: migrations
        ConsoleFixture.settle(viewModel);
        assertThat(viewModel.selectedIndexProperty().get()).isEqualTo(6);
    }

    @Test
    void theStructureShowsHostileNamesAndTheirCreateStatements(FxRobot robot) {
        open(robot);
        ConsoleWindowTest.clickTab(robot, "Structure");
        ConsoleFixture.settle(viewModel);
        TreeView<?> tree = robot.lookup("#objectTree").query();
        assertThat(tree.getRoot().getChildren()).hasSizeGreaterThanOrEqualTo(3);
        robot.clickOn("x; DROP TABLE runs");
        ConsoleFixture.settle(viewModel);
        assertThat(robot.lookup("#columnsTable").queryTableView().getItems()).hasSize(2);
        assertThat(robot.lookup("#createSql").queryAs(TextArea.class).getText())
                .startsWith("CREATE TABLE \"x; DROP TABLE runs\"");
        robot.clickOn("events");
        ConsoleFixture.settle(viewModel);
        Screenshots.save(stage.getScene(), "structure");

        robot.clickOn("#browseButton");
        ConsoleFixture.settle(viewModel);
        assertThat(viewModel.browse().tableProperty().get()).isEqualTo("events");
    }

    @Test
    void theBrowserPagesToTheLastRowAndFollowsAForeignKey(FxRobot robot) {
        open(robot);
        robot.interact(() -> viewModel.navigation().browse("big"));
        ConsoleFixture.settle(viewModel);
        TableView<List<Object>> grid = robot.lookup("#browseGrid").queryTableView();
        assertThat(grid.getItems()).hasSize(200);
        assertThat(label(robot, "#positionLabel")).isEqualTo("Rows 1–200 of 100,000 rows");
        robot.clickOn("#lastButton");
        ConsoleFixture.settle(viewModel);
        assertThat(grid.getItems().get(grid.getItems().size() - 1).get(0)).isEqualTo((long) Seed.BIG_ROWS);
        assertThat(label(robot, "#positionLabel")).isEqualTo("Rows 99,801–100,000 of 100,000 rows");

        robot.interact(() -> viewModel.navigation().browse("events"));
        ConsoleFixture.settle(viewModel);
        // The long message of seq 3 in the cell viewer, whole.
        int message = viewModel.browse().columns().indexOf("message");
        robot.interact(() -> {
            grid.getSelectionModel().select(2, grid.getColumns().get(message));
            grid.getFocusModel().focus(2, grid.getColumns().get(message));
            grid.scrollToColumnIndex(0);
        });
        ConsoleFixture.settle(viewModel);
        assertThat(robot.lookup("#cellViewer").queryAs(TextArea.class).getText())
                .startsWith("long long")
                .hasSizeGreaterThan(1_000); // whole, where the grid shows one cut line
        Screenshots.save(stage.getScene(), "browser");
    }

    @Test
    void aSelectedJsonCellIsPrettyInTheViewerAndTheRunIdOpensItsRun(FxRobot robot) {
        open(robot);
        robot.interact(() -> viewModel.navigation().browse("events"));
        ConsoleFixture.settle(viewModel);
        int runIdColumn = viewModel.browse().columns().indexOf("run_id");
        TableView<List<Object>> grid = robot.lookup("#browseGrid").queryTableView();
        robot.interact(() -> {
            grid.getSelectionModel().select(0, grid.getColumns().get(runIdColumn));
            grid.getFocusModel().focus(0, grid.getColumns().get(runIdColumn));
        });
        ConsoleFixture.settle(viewModel);
        assertThat(robot.lookup("#followLink")
                        .queryAs(javafx.scene.control.Hyperlink.class)
                        .getText())
                .startsWith("Open runs where id = ");
        robot.clickOn("#followLink");
        ConsoleFixture.settle(viewModel);
        assertThat(viewModel.browse().tableProperty().get()).isEqualTo("runs");
        assertThat(grid.getItems()).hasSize(1);
    }

    private static String label(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(Label.class).getText();
    }
}
