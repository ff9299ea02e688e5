package dev.runstore.desktop.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runstore.core.admin.CheckResult;
import dev.runstore.core.admin.RunSummary;
import dev.runstore.core.catalog.TableCounts;
import dev.runstore.core.db.Database;
import dev.runstore.core.db.DatabaseConfig;
import dev.runstore.core.migrate.Environment;
import dev.runstore.core.store.Event;
import dev.runstore.desktop.main.MainViewModel;
import dev.runstore.desktop.panel.Panel;
import dev.runstore.desktop.support.ConsoleFixture;
import dev.runstore.desktop.support.Screenshots;
import dev.runstore.desktop.support.Seed;
import dev.runstore.desktop.tables.TableRow;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
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

/** The real window over a seeded database, driven like a person would. */
@ExtendWith(ApplicationExtension.class)
class ConsoleWindowTest {
    @TempDir
    static Path dir;

    static Path seeded;

    MainViewModel viewModel;
    Stage stage;

    @BeforeAll
    static void seed() {
        seeded = Seed.database(dir, "seed.db", Environment.DEVELOPMENT);
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
                "ConsoleWindowTest-" + test.getTestMethod().orElseThrow().getName());
        org.testfx.util.WaitForAsyncUtils.waitForAsyncFx(
                10_000, viewModel::close); // as the app closes it: on the FX thread
    }

    /** The tab header itself: a panel may have a title with the same text. */
    static void clickTab(FxRobot robot, String text) {
        robot.clickOn(robot.lookup(".tab-header-area .tab-label")
                .match((javafx.scene.control.Label l) -> l.getText().equals(text))
                .<javafx.scene.Node>query());
    }

    /** A table's first row, once the table has laid its rows out (a pulse after its items arrive). */
    static javafx.scene.Node firstRow(FxRobot robot, String table) {
        try {
            org.testfx.util.WaitForAsyncUtils.waitFor(
                    5,
                    java.util.concurrent.TimeUnit.SECONDS,
                    () -> robot.lookup(table)
                            .lookup(".table-row-cell")
                            .tryQuery()
                            .isPresent());
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException(table + " shows no row", e);
        }
        // The row showing item 0, not the first cell found: a virtual flow keeps spare cells too.
        return robot.lookup(table)
                .lookup((javafx.scene.Node n) -> n instanceof javafx.scene.control.TableRow<?> row
                        && row.getIndex() == 0
                        && row.getItem() != null
                        && row.isVisible())
                .query();
    }

    /** Opens the seeded database and shows the Runs panel (the console lands on the overview). */
    void openSeeded(FxRobot robot) {
        robot.interact(() -> viewModel.open(seeded));
        ConsoleFixture.settle(viewModel);
        showRuns(robot, viewModel);
    }

    static void showRuns(FxRobot robot, MainViewModel viewModel) {
        clickTab(robot, "Runs");
        ConsoleFixture.settle(viewModel);
    }

    @Test
    void withoutADatabaseItOffersOpenAndTheDemo(FxRobot robot) {
        assertThat(robot.lookup("#emptyState").query().isVisible()).isTrue();
        assertThat(robot.lookup("#openDemoButton").queryButton().getText()).isEqualTo("Open demo database");
        assertThat(robot.lookup("#refreshButton").queryButton().isDisabled()).isTrue();
        assertThat(stage.getTitle()).isEqualTo("runstore console");
    }

    @Test
    void theDemoButtonCreatesAndOpensADemoDatabase(FxRobot robot) {
        robot.clickOn("#openDemoButton");
        ConsoleFixture.settle(viewModel);
        showRuns(robot, viewModel);

        assertThat(stage.getTitle()).endsWith("demo.db");
        assertThat(robot.lookup("#runsTable").queryTableView().getItems()).hasSize(8);
        robot.clickOn(firstRow(robot, "#runsTable"));
        ConsoleFixture.settle(viewModel);
        assertThat(robot.lookup("#eventsTable").queryTableView().getItems()).hasSize(200);
        robot.clickOn(firstRow(robot, "#eventsTable"));
        ConsoleFixture.settle(viewModel);
        assertThat(robot.lookup("#payloadArea").queryTextInputControl().getText())
                .startsWith("{");
        Screenshots.save(stage.getScene(), "console-demo"); // docs/images/runs.png is a copy of this
    }

    @Test
    void theRunsPanelListsTheRunsAndTheSelectedRunsEvents(FxRobot robot) {
        openSeeded(robot);
        TableView<RunSummary> runs = robot.lookup("#runsTable").queryTableView();
        assertThat(runs.getItems()).extracting(r -> r.run().name()).containsExactly("delta", "gamma", "beta", "alpha");
        assertThat(stage.getTitle()).endsWith("seed.db");

        robot.clickOn("alpha");
        ConsoleFixture.settle(viewModel);

        TableView<Event> events = robot.lookup("#eventsTable").queryTableView();
        assertThat(events.getItems()).hasSize(12);
        assertThat(robot.lookup("#eventsTitle").queryAs(Label.class).getText()).isEqualTo("Events of alpha");
    }

    @Test
    void ctrlFSearchesTheEvents(FxRobot robot) {
        openSeeded(robot);
        robot.clickOn("alpha");
        ConsoleFixture.settle(viewModel);

        robot.press(KeyCode.CONTROL, KeyCode.F).release(KeyCode.F, KeyCode.CONTROL);
        robot.write("step 1");
        ConsoleFixture.settle(viewModel);

        TextField search = robot.lookup("#searchField").queryAs(TextField.class);
        assertThat(search.isFocused()).isTrue();
        TableView<Event> events = robot.lookup("#eventsTable").queryTableView();
        assertThat(events.getItems()).extracting(Event::seq).containsExactlyInAnyOrder(1L, 10L, 11L, 12L);
    }

    @Test
    void aSelectedEventShowsItsPrettyPayloadAndTruncationMarker(FxRobot robot) {
        openSeeded(robot);
        robot.clickOn("alpha");
        ConsoleFixture.settle(viewModel);

        TableView<Event> table = robot.lookup("#eventsTable").queryTableView();
        robot.interact(() -> table.scrollTo(
                table.getItems().stream().filter(e -> e.seq() == 3).findFirst().orElseThrow()));
        robot.clickOn(robot.lookup((javafx.scene.Node n) -> n instanceof javafx.scene.control.TableRow<?> row
                        && row.getItem() instanceof Event e
                        && e.seq() == 3)
                .<javafx.scene.Node>query());
        ConsoleFixture.settle(viewModel);

        assertThat(robot.lookup("#eventDetail").queryAs(Label.class).getText()).contains("message truncated");
        assertThat(robot.lookup("#payloadArea").queryTextInputControl().getText())
                .contains("\"seq\" : 3");
    }

    @Test
    void theTablesPanelShowsCoresCounts(FxRobot robot) {
        openSeeded(robot);
        Map<String, Long> expected;
        try (Database db =
                Database.open(DatabaseConfig.builder(seeded).readOnly().build())) {
            expected = TableCounts.of(db);
        }

        clickTab(robot, "Tables");
        ConsoleFixture.settle(viewModel);

        TableView<TableRow> tables = robot.lookup("#tablesTable").queryTableView();
        assertThat(tables.getItems().stream().collect(Collectors.toMap(TableRow::name, TableRow::rows)))
                .isEqualTo(expected);
        assertThat(tables.getItems()).allSatisfy(t -> assertThat(t.bytes()).isPositive());
    }

    @Test
    void theMigrationsPanelShowsTheHead(FxRobot robot) {
        openSeeded(robot);

        clickTab(robot, "Migrations");
        ConsoleFixture.settle(viewModel);

        assertThat(robot.lookup("#current").queryAs(Label.class).getText()).isEqualTo("3");
        assertThat(robot.lookup("#latest").queryAs(Label.class).getText()).isEqualTo("3");
        assertThat(robot.lookup("#migrationState").queryAs(Label.class).getText())
                .isEqualTo("Up to date");
        assertThat(robot.lookup("#history").queryTableView().getItems()).hasSize(3);
    }

    @Test
    void theChecksPanelShowsEveryCheck(FxRobot robot) {
        openSeeded(robot);

        clickTab(robot, "Checks");
        ConsoleFixture.settle(viewModel);

        TableView<CheckResult> checks = robot.lookup("#checksTable").queryTableView();
        assertThat(checks.getItems()).hasSize(30).allMatch(CheckResult::passed);
        assertThat(robot.lookup("#checksSummary").queryAs(Label.class).getText())
                .isEqualTo("All 30 checks passed");
    }

    @Test
    void aPlainSqliteFileOpensAndTheRunsPanelSaysItIsNotRunstores(FxRobot robot) {
        Path plain = dir.resolve("plain.db");
        try (Database db = Database.open(plain)) {
            db.useWrite(h -> h.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)"));
        }

        robot.interact(() -> viewModel.open(plain));
        ConsoleFixture.settle(viewModel);
        showRuns(robot, viewModel);

        assertThat(robot.lookup("#banner").query().isVisible()).isFalse();
        assertThat(robot.lookup("#runsTable").queryTableView().getPlaceholder())
                .isInstanceOfSatisfying(
                        Label.class, l -> assertThat(l.getText()).isEqualTo(Panel.NOT_RUNSTORE));
        Screenshots.save(stage.getScene(), "ConsoleWindowTest-plainSqliteRuns");
        clickTab(robot, "Tables");
        ConsoleFixture.settle(viewModel);
        assertThat(robot.lookup("#tablesTable").queryTableView().getItems()).hasSize(1);
        clickTab(robot, "Migrations");
        ConsoleFixture.settle(viewModel);
        assertThat(robot.lookup("#migrationState").queryAs(Label.class).getText())
                .isEqualTo(Panel.NOT_RUNSTORE);
    }

    @Test
    void theRunsPanelPagesABigRunAndCopiesTheSelectedRow(FxRobot robot) {
        Path big = dir.resolve("big.db");
        try (Database db = Database.open(big)) {
            dev.runstore.core.admin.Demo.fill(db, 1, 1_000);
        }
        robot.interact(() -> viewModel.open(big));
        ConsoleFixture.settle(viewModel);
        showRuns(robot, viewModel);
        robot.clickOn(firstRow(robot, "#runsTable"));
        ConsoleFixture.settle(viewModel);
        assertThat(robot.lookup("#pageSummary").queryAs(Label.class).getText())
                .isEqualTo("Showing 200 of 1,000 events, newest first");

        robot.clickOn("#oldestButton");
        ConsoleFixture.settle(viewModel);
        TableView<Event> events = robot.lookup("#eventsTable").queryTableView();
        assertThat(events.getItems().get(events.getItems().size() - 1).seq()).isEqualTo(1L);
        assertThat(robot.lookup("#olderButton").queryButton().isDisabled()).isTrue();
        robot.clickOn("#newerButton");
        ConsoleFixture.settle(viewModel);
        assertThat(events.getItems().get(events.getItems().size() - 1).seq()).isEqualTo(201L);

        robot.clickOn(firstRow(robot, "#eventsTable"));
        ConsoleFixture.settle(viewModel);
        robot.press(KeyCode.CONTROL, KeyCode.C).release(KeyCode.C, KeyCode.CONTROL);
        String[] copied = new String[1];
        robot.interact(() ->
                copied[0] = javafx.scene.input.Clipboard.getSystemClipboard().getString());
        assertThat(copied[0]).contains("\t400\t");
        assertThat(robot.lookup("#messageArea").queryTextInputControl().getText())
                .isEqualTo(events.getItems().get(0).message());
        Screenshots.save(stage.getScene(), "ConsoleWindowTest-pagedRuns");
    }

    @Test
    void resetIsDisabledWithoutTheVariableAndTheTooltipSaysWhy(FxRobot robot) {
        openSeeded(robot);

        Button reset = robot.lookup("#resetButton").queryButton();

        assertThat(reset.isDisabled()).isTrue();
        assertThat(reset.getTooltip().getText()).contains("RUNSTORE_ALLOW_RESET=1");
    }

    @Test
    void aFileThatIsNotADatabaseShowsTheBannerNotACrash(FxRobot robot) throws Exception {
        Path junk = dir.resolve("junk.db");
        Files.writeString(junk, "plain text, not SQLite ".repeat(200));

        robot.interact(() -> viewModel.open(junk));
        ConsoleFixture.settle(viewModel);

        assertThat(robot.lookup("#banner").query().isVisible()).isTrue();
        assertThat(robot.lookup("#bannerText").queryAs(Label.class).getText()).contains("is not a SQLite database");
        openSeeded(robot);
        assertThat(robot.lookup("#banner").query().isVisible()).isFalse();
    }

    @Test
    void aCorruptDatabaseShowsTheBannerNotACrash(FxRobot robot) throws Exception {
        Path corrupt = Seed.database(dir, "corrupt.db", Environment.DEVELOPMENT);
        try (RandomAccessFile raw = new RandomAccessFile(corrupt.toFile(), "rw")) {
            for (long page = 1; page * 4096 < raw.length(); page++) {
                raw.seek(page * 4096);
                raw.write(new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff});
            }
        }

        robot.interact(() -> viewModel.open(corrupt));
        ConsoleFixture.settle(viewModel);

        assertThat(robot.lookup("#bannerText").queryAs(Label.class).getText()).containsIgnoringCase("corrupt");
        assertThat(stage.isShowing()).isTrue();
    }
}
