package dev.runstore.desktop.ui;

import static org.assertj.core.api.Assertions.assertThat;

import atlantafx.base.theme.PrimerLight;
import dev.runstore.core.migrate.Environment;
import dev.runstore.desktop.main.MainView;
import dev.runstore.desktop.main.MainViewAccess;
import dev.runstore.desktop.main.MainViewModel;
import dev.runstore.desktop.main.RecentFiles;
import dev.runstore.desktop.settings.ConsoleSettings;
import dev.runstore.desktop.support.ConsoleFixture;
import dev.runstore.desktop.support.Screenshots;
import dev.runstore.desktop.support.Seed;
import dev.runstore.desktop.task.FxTaskExecutor;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.prefs.Preferences;
import javafx.application.Application;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.control.ToggleButton;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** What the window remembers across starts, the theme switch, and the keyboard help. */
@ExtendWith(ApplicationExtension.class)
class WindowStateTest {
    @TempDir
    Path dir;

    /** A node of this test's own, removed after it: the user's preferences are never touched. */
    final Preferences node = Preferences.userRoot().node("dev/runstore/test/" + UUID.randomUUID());

    Stage stage;
    MainViewModel viewModel;

    @Start
    void start(Stage stage) {
        this.stage = stage;
    }

    @AfterEach
    void close() throws Exception {
        WaitForAsyncUtils.waitForAsyncFx(10_000, () -> {
            if (viewModel != null) {
                viewModel.close();
            }
            stage.hide(); // saves the layout: before the node goes
            stage.setWidth(1180); // the toolkit's one stage serves the test classes that follow
            stage.setHeight(760);
            Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        });
        node.removeNode();
    }

    private MainViewModel show(Stage on) {
        MainViewModel vm =
                new MainViewModel(new FxTaskExecutor(), MainViewModel.Sessions.real(false), RecentFiles.inMemory());
        vm.refreshSecondsProperty().set(0);
        MainView.show(on, vm, ConsoleSettings.in(node));
        return vm;
    }

    @Test
    void sizeSplitsPanelAndThemeComeBackInTheNextWindow(FxRobot robot) throws Exception {
        Path file = Seed.database(dir, "seed.db", Environment.DEVELOPMENT);
        robot.interact(() -> viewModel = show(stage));
        robot.interact(() -> viewModel.open(file));
        ConsoleFixture.settle(viewModel);
        robot.interact(() -> {
            stage.setWidth(1240);
            stage.setHeight(780);
        });
        ConsoleWindowTest.showRuns(robot, viewModel);
        SplitPane runsSplit = (SplitPane)
                robot.lookup("#tabs").queryAs(TabPane.class).getTabs().get(1).getContent();
        robot.interact(() -> runsSplit.setDividerPositions(0.6));
        robot.press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.D).release(KeyCode.D, KeyCode.SHIFT, KeyCode.CONTROL);
        assertThat(Application.getUserAgentStylesheet()).contains("primer-dark");
        robot.press(KeyCode.CONTROL, KeyCode.DIGIT3).release(KeyCode.DIGIT3, KeyCode.CONTROL);
        ConsoleFixture.settle(viewModel);
        assertThat(viewModel.selectedIndexProperty().get())
                .as("Ctrl+3 shows the third panel")
                .isEqualTo(2);
        Screenshots.save(stage.getScene(), "WindowStateTest-dark");

        robot.interact(() -> {
            viewModel.close();
            stage.hide();
            Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        });
        assertThat(node.keys()).contains("window", "panel", "theme", "split.runs.0");
        assertThat(node.get("split.runs.0", "")).startsWith("0.6");

        Stage[] next = new Stage[1];
        robot.interact(() -> {
            next[0] = new Stage();
            viewModel = show(next[0]);
        });
        assertThat(next[0].getWidth()).isEqualTo(1240);
        assertThat(next[0].getHeight()).isEqualTo(780);
        assertThat(Application.getUserAgentStylesheet()).contains("primer-dark");
        assertThat(viewModel.selectedIndexProperty().get()).isEqualTo(2);
        TabPane tabs = robot.from(next[0].getScene().getRoot()).lookup("#tabs").queryAs(TabPane.class);
        assertThat(tabs.getSelectionModel().getSelectedIndex()).isEqualTo(2);
        SplitPane restored = robot.from(tabs.getTabs().get(1).getContent())
                .lookup(".split-pane")
                .queryAs(SplitPane.class);
        assertThat(restored.getDividerPositions()[0]).isCloseTo(0.6, org.assertj.core.data.Offset.offset(0.01));
        robot.interact(next[0]::hide);
    }

    /**
     * At the smallest size the window allows, each panel keeps its labels whole (no "Mini…",
     * "WA…", a Dismiss shrunk to "…"): every shown label's drawn text is its text.
     */
    @Test
    void atTheMinimumSizeNoLabelIsCutShort(FxRobot robot) throws Exception {
        Path file = Seed.database(dir, "seed.db", Environment.DEVELOPMENT);
        robot.interact(() -> viewModel = show(stage));
        robot.interact(() -> {
            stage.setWidth(MainViewAccess.MIN_WIDTH);
            stage.setHeight(MainViewAccess.MIN_HEIGHT);
        });
        robot.interact(() -> viewModel.open(dir.resolve("missing.db"))); // the banner, with Dismiss
        ConsoleFixture.settle(viewModel);
        robot.interact(() -> viewModel.open(file));
        ConsoleFixture.settle(viewModel);
        robot.interact(() -> viewModel.open(dir.resolve("missing.db"))); // banner over an open database
        ConsoleFixture.settle(viewModel);
        TabPane tabs = robot.lookup("#tabs").queryAs(TabPane.class);
        for (int i = 0; i < tabs.getTabs().size(); i++) {
            int index = i;
            robot.interact(() -> viewModel.select(index));
            ConsoleFixture.settle(viewModel);
            String panel = tabs.getTabs().get(i).getText();
            Screenshots.save(stage.getScene(), "WindowStateTest-minimum-" + panel);
            assertThat(robot.lookup("#bannerText").queryLabeled().getText()).contains("missing.db");
            javafx.scene.Node reset = robot.lookup("#resetButton").query();
            assertThat(reset.getScene())
                    .as("the reset button is in the toolbar, not its overflow")
                    .isNotNull();
            assertThat(reset.localToScene(reset.getBoundsInLocal()).getMaxX())
                    .isLessThanOrEqualTo(stage.getScene().getWidth());
            assertThat(cutLabels(stage.getScene().getRoot()))
                    .as("labels cut short on " + panel + " at " + stage.getWidth() + "×" + stage.getHeight())
                    .isEmpty();
        }
    }

    /**
     * Tab through the window: each control that takes the focus must look different while it has it
     * (its picture focused and after the focus moved on differ), or a keyboard user is lost.
     */
    @Test
    void everyTabStopShowsThatItHasTheFocus(FxRobot robot) throws Exception {
        robot.interact(() -> viewModel = show(stage));
        robot.interact(() -> viewModel.open(Seed.database(dir, "seed.db", Environment.DEVELOPMENT)));
        ConsoleFixture.settle(viewModel);
        robot.interact(() -> robot.lookup("#tabs").query().requestFocus());
        java.util.List<String> invisible = new java.util.ArrayList<>();
        java.util.Set<javafx.scene.Node> seen = new java.util.HashSet<>();
        for (int stop = 0; stop < 14; stop++) {
            javafx.scene.Node focused = stage.getScene().getFocusOwner();
            if (focused == null || !seen.add(focused)) {
                break;
            }
            javafx.scene.image.WritableImage[] with = new javafx.scene.image.WritableImage[1];
            robot.interact(() -> with[0] = focused.snapshot(null, null));
            robot.type(KeyCode.TAB);
            WaitForAsyncUtils.waitForFxEvents();
            javafx.scene.image.WritableImage[] without = new javafx.scene.image.WritableImage[1];
            robot.interact(() -> without[0] = focused.snapshot(null, null));
            if (samePixels(with[0], without[0])) {
                invisible.add(
                        focused.getClass().getSimpleName() + (focused.getId() == null ? "" : "#" + focused.getId()));
            }
        }
        assertThat(seen).as("tab stops visited").hasSizeGreaterThanOrEqualTo(5);
        assertThat(invisible)
                .as("controls that look the same with and without the focus")
                .isEmpty();
    }

    private static boolean samePixels(javafx.scene.image.Image a, javafx.scene.image.Image b) {
        if (a.getWidth() != b.getWidth() || a.getHeight() != b.getHeight()) {
            return false;
        }
        var ra = a.getPixelReader();
        var rb = b.getPixelReader();
        for (int y = 0; y < (int) a.getHeight(); y++) {
            for (int x = 0; x < (int) a.getWidth(); x++) {
                if (ra.getArgb(x, y) != rb.getArgb(x, y)) {
                    return false;
                }
            }
        }
        return true;
    }

    /** "text → drawn" for every visible label, button or header whose drawn text is not its text. */
    private static java.util.List<String> cutLabels(javafx.scene.Parent root) {
        java.util.List<String> cut = new java.util.ArrayList<>();
        for (javafx.scene.Node node : root.lookupAll(".labeled")) {
            if (!(node instanceof javafx.scene.control.Labeled labeled)
                    || !visible(node)
                    || labeled.getText() == null
                    || labeled.getText().isEmpty()
                    || node instanceof javafx.scene.control.IndexedCell<?>
                    || labeled.getStyleClass().contains("reset-reason") // cut on purpose; whole in its tooltip
                    || labeled.getStyleClass().contains("database-path")
                    || labeled.isWrapText()) {
                continue;
            }
            for (javafx.scene.Node child : labeled.getChildrenUnmodifiable()) {
                if (child instanceof javafx.scene.text.Text drawn
                        && !drawn.getText().equals(labeled.getText())
                        && !labeled.getText().contains("\n")) {
                    cut.add(labeled.getText() + " → " + drawn.getText());
                }
            }
        }
        return cut;
    }

    private static boolean visible(javafx.scene.Node node) {
        for (javafx.scene.Node n = node; n != null; n = n.getParent()) {
            if (!n.isVisible()) {
                return false;
            }
        }
        return true;
    }

    /** In every panel's table and tree, the first Down selects the first row, not the second. */
    @Test
    void theFirstDownSelectsTheFirstRowInEveryTableAndTree(FxRobot robot) {
        robot.interact(() -> viewModel = show(stage));
        robot.interact(() -> viewModel.open(Seed.database(dir, "seed.db", Environment.DEVELOPMENT)));
        ConsoleFixture.settle(viewModel);
        int[] panels = {0, 3, 5, 6, 7}; // overview, structure, tables, migrations, checks
        String[] views = {"#overviewTables", "#objectTree", ".table-view", "#history", "#checksTable"};
        for (int i = 0; i < panels.length; i++) {
            int panel = panels[i];
            robot.interact(() -> viewModel.select(panel));
            ConsoleFixture.settle(viewModel);
            javafx.scene.control.Control view = robot.from(robot.lookup("#tabs")
                            .queryAs(TabPane.class)
                            .getTabs()
                            .get(panel)
                            .getContent())
                    .lookup(views[i])
                    .queryAs(javafx.scene.control.Control.class);
            robot.interact(view::requestFocus);
            robot.type(KeyCode.DOWN);
            int selected = view instanceof javafx.scene.control.TreeView<?> tree
                    ? tree.getSelectionModel().getSelectedIndex()
                    : ((TableView<?>) view).getSelectionModel().getSelectedIndex();
            assertThat(selected).as(views[i]).isZero();
        }
    }

    @Test
    void aSavedWindowOffEveryScreenOrLargerThanItComesBackOnTheScreen(FxRobot robot) {
        ConsoleSettings.in(node).window(new ConsoleSettings.WindowBounds(50_000, 50_000, 1e7, 1e7, false));

        robot.interact(() -> viewModel = show(stage));

        javafx.geometry.Rectangle2D screen = javafx.stage.Screen.getPrimary().getVisualBounds();
        assertThat(stage.getWidth()).isLessThanOrEqualTo(screen.getWidth());
        assertThat(stage.getHeight()).isLessThanOrEqualTo(screen.getHeight());
        assertThat(screen.contains(stage.getX() + 10, stage.getY() + 10)).isTrue();
    }

    @Test
    void everyMenuShortcutIsListedInTheHelpAndThePauseToggleSaysWhatItDoes(FxRobot robot) throws Exception {
        robot.interact(() -> viewModel = show(stage));
        robot.interact(() -> viewModel.open(Seed.database(dir, "seed.db", Environment.DEVELOPMENT)));
        ConsoleFixture.settle(viewModel);
        ToggleButton pause = robot.lookup("#pauseToggle").queryAs(ToggleButton.class);
        assertThat(pause.getText()).isEqualTo("Pause live refresh");
        robot.clickOn(pause);
        assertThat(pause.getText()).isEqualTo("Resume live refresh");

        robot.type(KeyCode.F1);
        WaitForAsyncUtils.waitFor(
                10,
                TimeUnit.SECONDS,
                () -> robot.lookup("#shortcutsTable").tryQuery().isPresent());
        TableView<?> table = robot.lookup("#shortcutsTable").queryTableView();
        String listed = table.getItems().toString();
        assertThat(listed)
                .contains(
                        "Ctrl+O",
                        "Ctrl+Shift+O",
                        "F5",
                        "Ctrl+Shift+P",
                        "Ctrl+F",
                        "Ctrl+Shift+D",
                        "F1",
                        "Ctrl+Q",
                        "Ctrl+1",
                        "Ctrl+8")
                .contains("Ctrl+Enter");
        Screenshots.save(table.getScene(), "WindowStateTest-shortcuts");
        robot.type(KeyCode.ESCAPE);
    }
}
