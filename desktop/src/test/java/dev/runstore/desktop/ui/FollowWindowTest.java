package dev.runstore.desktop.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runstore.core.db.Database;
import dev.runstore.core.migrate.Environment;
import dev.runstore.core.store.Event;
import dev.runstore.core.store.Events;
import dev.runstore.core.store.Level;
import dev.runstore.core.store.NewEvent;
import dev.runstore.desktop.main.MainViewModel;
import dev.runstore.desktop.runs.RunsViewModel.Follow;
import dev.runstore.desktop.support.ConsoleFixture;
import dev.runstore.desktop.support.Screenshots;
import dev.runstore.desktop.support.Seed;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javafx.css.PseudoClass;
import javafx.scene.control.IndexedCell;
import javafx.scene.control.Label;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.skin.VirtualFlow;
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

/** Follow mode and refreshes that keep their place, in the real window, while another connection writes. */
@ExtendWith(ApplicationExtension.class)
class FollowWindowTest {
    static final PseudoClass FRESH = PseudoClass.getPseudoClass("fresh");

    @TempDir
    Path dir;

    Path seeded;
    MainViewModel viewModel;
    Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        viewModel = ConsoleFixture.show(stage, false);
    }

    @BeforeEach
    void seed() {
        seeded = Seed.database(dir, "seed.db", Environment.DEVELOPMENT);
    }

    @AfterEach
    void screenshotAndClose(TestInfo test) {
        Screenshots.save(
                stage.getScene(),
                "FollowWindowTest-" + test.getTestMethod().orElseThrow().getName());
        WaitForAsyncUtils.waitForAsyncFx(10_000, viewModel::close);
    }

    /** An ingester: a read-write connection of its own appending through core's store. */
    void append(String run, int from, int to) {
        List<NewEvent> batch = new ArrayList<>();
        for (int seq = from; seq <= to; seq++) {
            batch.add(new NewEvent(
                    seq, Seed.T0.plusSeconds(3 * 3600L + seq), Level.INFO, "ingest", "row " + seq, Map.of("seq", seq)));
        }
        try (Database db = Database.open(seeded)) {
            long id = db.read(h -> h.createQuery("SELECT id FROM runs WHERE name = :name")
                    .bind("name", run)
                    .mapTo(Long.class)
                    .one());
            new Events(db).append(id, batch);
        }
    }

    void openOn(FxRobot robot, String run) {
        robot.interact(() -> viewModel.open(seeded));
        ConsoleFixture.settle(viewModel);
        ConsoleWindowTest.showRuns(robot, viewModel);
        // In the runs table: the overview's timeline names the runs too.
        robot.clickOn(robot.from(robot.lookup("#runsTable").<javafx.scene.Node>query())
                .lookup(run)
                .queryLabeled());
        ConsoleFixture.settle(viewModel);
    }

    void refresh(FxRobot robot) {
        robot.interact(viewModel::tick);
        ConsoleFixture.settle(viewModel);
    }

    static VirtualFlow<?> flow(FxRobot robot) {
        return robot.lookup("#eventsTable").lookup(".virtual-flow").query();
    }

    static IndexedCell<?> firstVisible(FxRobot robot) {
        return flow(robot).getFirstVisibleCell();
    }

    @Test
    void followShowsAnEventAppendedByAnotherConnectionWithinOneRefreshAndStopsWhenScrolledUp(FxRobot robot) {
        append("gamma", 13, 80); // enough rows to scroll
        openOn(robot, "gamma");
        TableView<Event> events = robot.lookup("#eventsTable").queryTableView();
        ToggleButton follow = robot.lookup("#followButton").queryAs(ToggleButton.class);
        assertThat(follow.getText()).isEqualTo("Follow");

        robot.clickOn(follow);
        ConsoleFixture.settle(viewModel);
        assertThat(viewModel.runs().followProperty().get()).isEqualTo(Follow.ON);
        assertThat(follow.isSelected()).isTrue();
        assertThat(follow.getText()).isEqualTo("Following");

        append("gamma", 81, 81);
        refresh(robot);

        assertThat(events.getItems().get(0).seq()).isEqualTo(81L);
        IndexedCell<?> top = firstVisible(robot);
        assertThat(top.getIndex()).isZero();
        assertThat(((TableRow<?>) top).getItem()).isEqualTo(events.getItems().get(0));
        assertThat(top.getPseudoClassStates()).contains(FRESH);
        assertThat(rowOf(robot, 80).getPseudoClassStates()).doesNotContain(FRESH);
        Screenshots.save(stage.getScene(), "FollowWindowTest-following");

        // The scroll bar's thumb dragged towards older rows, away from the newest.
        javafx.scene.Node thumb =
                robot.lookup("#eventsTable .scroll-bar:vertical .thumb").query();
        robot.drag(thumb, javafx.scene.input.MouseButton.PRIMARY).dropBy(0, 120);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(viewModel.runs().followProperty().get()).isEqualTo(Follow.PAUSED);
        assertThat(follow.isSelected()).isFalse();
        assertThat(follow.getText()).isEqualTo("Follow (paused)");
        Object looking = ((TableRow<?>) firstVisible(robot)).getItem();
        assertThat(((Event) looking).seq()).isLessThan(81L);

        append("gamma", 82, 84);
        refresh(robot);

        assertThat(events.getItems().get(0).seq()).isEqualTo(81L);
        assertThat(((TableRow<?>) firstVisible(robot)).getItem()).isEqualTo(looking);
        assertThat(robot.lookup("#arrivedLabel").queryAs(Label.class).getText()).isEqualTo("3 new events");

        robot.press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.F).release(KeyCode.F, KeyCode.SHIFT, KeyCode.CONTROL);
        ConsoleFixture.settle(viewModel);
        assertThat(viewModel.runs().followProperty().get()).isEqualTo(Follow.ON);
        assertThat(events.getItems().get(0).seq()).isEqualTo(84L);
        assertThat(firstVisible(robot).getIndex()).isZero();
    }

    @Test
    void f5KeepsTheSelectedEventAndThePanesText(FxRobot robot) {
        openOn(robot, "alpha");
        TableView<Event> events = robot.lookup("#eventsTable").queryTableView();
        robot.interact(() -> events.scrollTo(
                events.getItems().stream().filter(e -> e.seq() == 4).findFirst().orElseThrow()));
        robot.clickOn(rowOf(robot, 4)); // its payload is stored out of line
        ConsoleFixture.settle(viewModel);
        String payload = robot.lookup("#payloadArea").queryTextInputControl().getText();
        assertThat(payload).contains("zzzz");
        List<String> paneChanges = new ArrayList<>();
        robot.interact(() -> viewModel.runs().payloadProperty().addListener((o, was, now) -> paneChanges.add(now)));

        append("alpha", 13, 20);
        robot.type(KeyCode.F5);
        ConsoleFixture.settle(viewModel);

        assertThat(events.getSelectionModel().getSelectedItem().seq()).isEqualTo(4L);
        assertThat(robot.lookup("#payloadArea").queryTextInputControl().getText())
                .isEqualTo(payload);
        assertThat(robot.lookup("#messageArea").queryTextInputControl().getText())
                .isEqualTo("step 4 of alpha");
        assertThat(paneChanges).isEmpty();
        assertThat(robot.lookup("#arrivedLabel").queryAs(Label.class).getText()).isEqualTo("8 new events");
    }

    @Test
    void theFirstDownSelectsTheFirstRowAndEscapeClearsTheSearch(FxRobot robot) {
        robot.interact(() -> viewModel.open(seeded));
        ConsoleFixture.settle(viewModel);
        ConsoleWindowTest.showRuns(robot, viewModel);
        TableView<?> runs = robot.lookup("#runsTable").queryTableView();
        robot.interact(runs::requestFocus);
        robot.type(KeyCode.DOWN);
        ConsoleFixture.settle(viewModel);
        assertThat(runs.getSelectionModel().getSelectedIndex()).isZero();

        TableView<?> events = robot.lookup("#eventsTable").queryTableView();
        robot.interact(events::requestFocus);
        robot.type(KeyCode.DOWN);
        assertThat(events.getSelectionModel().getSelectedIndex()).isZero();

        robot.clickOn("#searchField").write("step 1");
        ConsoleFixture.settle(viewModel);
        assertThat(events.getItems()).hasSize(4);
        robot.type(KeyCode.ESCAPE);
        ConsoleFixture.settle(viewModel);
        assertThat(robot.lookup("#searchField").queryAs(TextField.class).getText())
                .isEmpty();
        assertThat(events.getItems()).hasSize(12);
    }

    @Test
    void atTheMinimumAndALargeSizeTheTablesShowRowsAndWholeValues(FxRobot robot) {
        append("delta", 13, 139_300); // a six-digit seq and a six-digit count
        openOn(robot, "delta");
        robot.interact(() -> {
            stage.setWidth(stage.getMinWidth());
            stage.setHeight(stage.getMinHeight());
        });
        ConsoleFixture.settle(viewModel);
        Screenshots.save(stage.getScene(), "FollowWindowTest-minimum");
        VirtualFlow<?> runsFlow =
                robot.lookup("#runsTable").lookup(".virtual-flow").query();
        assertThat(runsFlow.getLastVisibleCell().getIndex()).isGreaterThanOrEqualTo(1);
        assertThat(firstVisible(robot).getIndex()).isZero();
        assertThat(flow(robot).getLastVisibleCell().getIndex()).isGreaterThanOrEqualTo(2);
        assertWhole(robot);

        robot.interact(() -> {
            stage.setWidth(1800);
            stage.setHeight(1100);
        });
        ConsoleFixture.settle(viewModel);
        Screenshots.save(stage.getScene(), "FollowWindowTest-large");
        TableView<?> runs = robot.lookup("#runsTable").queryTableView();
        double columns =
                runs.getColumns().stream().mapToDouble(c -> c.getWidth()).sum();
        assertThat(columns).isGreaterThan(runs.getWidth() - 30); // no empty filler beside them
        assertWhole(robot);
        robot.interact(
                () -> { // the stage is shared by the tests that follow
                    stage.setWidth(1180);
                    stage.setHeight(760);
                });
    }

    /** No cell of either table is cut short with an ellipsis. */
    void assertWhole(FxRobot robot) {
        WaitForAsyncUtils.waitForFxEvents();
        for (String table : List.of("#runsTable", "#eventsTable")) {
            robot.lookup(table).lookup(".table-cell").queryAll().stream()
                    .map(n -> (javafx.scene.control.TableCell<?, ?>) n)
                    .filter(c -> c.getText() != null && !c.getText().isEmpty() && c.isVisible())
                    .filter(c -> c.getTableColumn() != null
                            && !c.getTableColumn().getText().equals("Message")
                            && !c.getTableColumn().getText().equals("Name"))
                    .forEach(c -> assertThat(((javafx.scene.text.Text) c.lookup(".text")).getText())
                            .as(table + " " + c.getTableColumn().getText())
                            .isEqualTo(c.getText()));
        }
    }

    static TableRow<?> rowOf(FxRobot robot, long seq) {
        return robot.lookup((javafx.scene.Node n) ->
                        n instanceof TableRow<?> row && row.getItem() instanceof Event e && e.seq() == seq)
                .query();
    }
}
