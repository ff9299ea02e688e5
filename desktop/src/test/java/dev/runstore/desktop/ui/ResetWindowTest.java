package dev.runstore.desktop.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runstore.core.catalog.TableCounts;
import dev.runstore.core.db.Database;
import dev.runstore.core.db.DatabaseConfig;
import dev.runstore.core.migrate.Environment;
import dev.runstore.desktop.main.MainViewModel;
import dev.runstore.desktop.support.ConsoleFixture;
import dev.runstore.desktop.support.Screenshots;
import dev.runstore.desktop.support.Seed;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The dev reset from the window, with RUNSTORE_ALLOW_RESET=1 in effect. */
@ExtendWith(ApplicationExtension.class)
class ResetWindowTest {
    @TempDir
    Path dir;

    MainViewModel viewModel;
    Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        viewModel = ConsoleFixture.show(stage, true);
    }

    @AfterEach
    void screenshotAndClose(TestInfo test) {
        Screenshots.save(
                stage.getScene(),
                "ResetWindowTest-" + test.getTestMethod().orElseThrow().getName());
        org.testfx.util.WaitForAsyncUtils.waitForAsyncFx(
                10_000, viewModel::close); // as the app closes it: on the FX thread
    }

    @Test
    void aProductionDatabaseKeepsTheButtonDisabled(FxRobot robot) {
        Path production = Seed.database(dir, "prod.db", Environment.PRODUCTION);

        robot.interact(() -> viewModel.open(production));
        ConsoleFixture.settle(viewModel);

        Button reset = robot.lookup("#resetButton").queryButton();
        assertThat(reset.isDisabled()).isTrue();
        assertThat(reset.getTooltip().getText()).contains("production");
        Label reason = robot.lookup("#resetReason").queryAs(Label.class);
        assertThat(reason.isVisible())
                .as("the reason is written, not only in a tooltip")
                .isTrue();
        assertThat(reason.getText()).startsWith("Reset unavailable: ").contains("production database");
    }

    @Test
    void theConfirmationSaysWhatGoesAndKeepsDeleteDisabledUntilTheNameMatches(FxRobot robot) throws Exception {
        Path file = Seed.database(dir, "dev.db", Environment.DEVELOPMENT);
        robot.interact(() -> viewModel.open(file));
        ConsoleFixture.settle(viewModel);
        assertThat(robot.lookup("#resetReason").query().isVisible()).isFalse();

        robot.clickOn("#resetButton");
        WaitForAsyncUtils.waitFor(
                10,
                TimeUnit.SECONDS,
                () -> robot.lookup("#reset-confirm").tryQuery().isPresent());
        Button delete = robot.lookup("#reset-confirm-ok").queryButton();
        String shown = robot.lookup(".reset-content .label").queryAll().stream()
                .map(node -> ((Label) node).getText())
                .collect(Collectors.joining("\n"));
        assertThat(shown)
                .contains(file.toAbsolutePath().toString())
                .contains("events (48)")
                .contains("runs (4)")
                .contains("A backup of everything is written first, to "
                        + dir.toAbsolutePath().resolve("dev.db.bak-"));
        assertThat(delete.isDisabled()).isTrue();
        robot.clickOn("#reset-confirm").write("dev");
        assertThat(delete.isDisabled()).as("a wrong name").isTrue();
        robot.write(".db");
        assertThat(delete.isDisabled()).isFalse();
        Screenshots.save(delete.getScene(), "ResetWindowTest-theResetConfirmation");
        robot.eraseText(1);
        assertThat(delete.isDisabled()).isTrue();
        robot.type(KeyCode.ENTER); // Cancel is the default button: Enter never deletes
        ConsoleFixture.settle(viewModel);

        assertThat(robot.lookup("#reset-confirm").tryQuery()).isEmpty();
        assertThat(backups()).isEmpty();
        ConsoleWindowTest.showRuns(robot, viewModel);
        assertThat(robot.lookup("#runsTable").queryTableView().getItems()).hasSize(4);
    }

    @Test
    void theRightNameResetsWithACompleteBackupAndEmptyTables(FxRobot robot) throws Exception {
        Path file = Seed.database(dir, "dev.db", Environment.DEVELOPMENT);
        robot.interact(() -> viewModel.open(file));
        ConsoleFixture.settle(viewModel);

        robot.clickOn("#resetButton");
        WaitForAsyncUtils.waitFor(
                10,
                TimeUnit.SECONDS,
                () -> robot.lookup("#reset-confirm").tryQuery().isPresent());
        robot.clickOn("#reset-confirm").write("dev.db");
        robot.clickOn("#reset-confirm-ok");
        ConsoleFixture.settle(viewModel);

        List<Path> backups = backups();
        assertThat(backups).hasSize(1);
        try (Database copy =
                Database.open(DatabaseConfig.builder(backups.get(0)).readOnly().build())) {
            assertThat(TableCounts.of(copy)).containsEntry("runs", 4L).containsEntry("events", 48L);
        }
        assertThat(robot.lookup("#runsTable").queryTableView().getItems()).isEmpty();
        assertThat(robot.lookup("#notice").queryLabeled().getText()).startsWith("Reset done. Backup: ");
    }

    private List<Path> backups() throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().contains(".bak-") && Files.isRegularFile(p))
                    .toList();
        }
    }
}
