package dev.runstore.desktop.main;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runstore.core.catalog.TableCounts;
import dev.runstore.core.db.Database;
import dev.runstore.core.db.DatabaseConfig;
import dev.runstore.core.migrate.Environment;
import dev.runstore.core.store.Level;
import dev.runstore.desktop.reset.ResetConfirmation;
import dev.runstore.desktop.support.DirectExecutor;
import dev.runstore.desktop.support.Seed;
import dev.runstore.desktop.tables.TableRow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The console's logic without a toolkit: a real database, work run synchronously. */
class MainViewModelTest {
    static final int OVERVIEW = 0;
    static final int RUNS = 1;
    static final int BROWSE = 2;
    static final int STRUCTURE = 3;
    static final int SQL = 4;
    static final int TABLES = 5;
    static final int MIGRATIONS = 6;
    static final int CHECKS = 7;

    @TempDir
    Path dir;

    MainViewModel viewModel;

    MainViewModel viewModel(boolean resetAllowed) {
        viewModel = new MainViewModel(
                new DirectExecutor(), MainViewModel.Sessions.real(resetAllowed), RecentFiles.inMemory());
        return viewModel;
    }

    @AfterEach
    void close() {
        if (viewModel != null) {
            viewModel.close();
        }
    }

    @Test
    void openingShowsTheNumbersCoreComputes() {
        Path file = Seed.database(dir, "seed.db", Environment.DEVELOPMENT);
        Map<String, Long> expected;
        try (Database db = Database.open(DatabaseConfig.builder(file).readOnly().build())) {
            expected = TableCounts.of(db);
        }

        MainViewModel vm = viewModel(false);
        vm.open(file);
        vm.select(RUNS);

        assertThat(vm.openProperty().get()).isTrue();
        assertThat(vm.bannerProperty().get()).isEmpty();
        assertThat(vm.titleProperty().get()).isEqualTo("runstore console — " + file.toAbsolutePath());
        vm.select(TABLES);
        vm.select(MIGRATIONS);
        vm.select(CHECKS);
        vm.select(RUNS);
        assertThat(vm.tables().tables().stream().collect(Collectors.toMap(TableRow::name, TableRow::rows)))
                .isEqualTo(expected);
        assertThat(vm.migrations().currentProperty().get()).isEqualTo("3");
        assertThat(vm.migrations().history()).hasSize(3);
        assertThat(vm.checks().okProperty().get()).isTrue();
        assertThat(vm.runs().visibleRuns())
                .extracting(r -> r.run().name())
                .containsExactly("delta", "gamma", "beta", "alpha");
        assertThat(vm.recent()).containsExactly(file.toAbsolutePath());
    }

    @Test
    void theStatusFilterNarrowsTheRuns() {
        MainViewModel vm = viewModel(false);
        vm.open(Seed.database(dir, "seed.db", Environment.DEVELOPMENT));
        vm.select(RUNS);

        vm.runs().statusFilterProperty().set("failed");

        assertThat(vm.runs().visibleRuns()).extracting(r -> r.run().name()).containsExactly("beta");
    }

    @Test
    void selectingARunLoadsItsEventsWhichFilterByLevelAndText() {
        MainViewModel vm = viewModel(false);
        vm.open(Seed.database(dir, "seed.db", Environment.DEVELOPMENT));
        vm.select(RUNS);

        vm.runs().selectedRunProperty().set(vm.runs().visibleRuns().get(3)); // alpha
        assertThat(vm.runs().visibleEvents()).hasSize(12);

        vm.runs().minLevelProperty().set(Level.ERROR);
        assertThat(vm.runs().visibleEvents())
                .extracting(e -> e.level())
                .containsOnly(Level.ERROR)
                .hasSize(3);

        vm.runs().minLevelProperty().set(Level.DEBUG);
        vm.runs().searchProperty().set("STEP 1");
        assertThat(vm.runs().visibleEvents()).extracting(e -> e.seq()).containsExactlyInAnyOrder(1L, 10L, 11L, 12L);
    }

    @Test
    void anEventShowsItsPayloadPrettyPrintedAndItsTruncationMarker() {
        MainViewModel vm = viewModel(false);
        vm.open(Seed.database(dir, "seed.db", Environment.DEVELOPMENT));
        vm.select(RUNS);
        vm.runs().selectedRunProperty().set(vm.runs().visibleRuns().get(3));

        vm.runs().selectedEventProperty().set(event(vm, 3));
        assertThat(vm.runs().eventDetailProperty().get()).contains("message truncated: 8192 of 10000 characters kept");
        assertThat(vm.runs().payloadProperty().get()).isEqualTo("{\n  \"run\" : 0,\n  \"seq\" : 3\n}");

        vm.runs().selectedEventProperty().set(event(vm, 4));
        assertThat(vm.runs().eventDetailProperty().get()).contains("payload stored out of line: seed.db.blobs/sha256/");
        assertThat(vm.runs().payloadProperty().get()).startsWith("{\n  \"blob\" : \"zzzz");
    }

    @Test
    void aMissingOutOfLinePayloadIsSaidInThePayloadPaneAndTheBanner() throws Exception {
        Path file = Seed.database(dir, "seed.db", Environment.DEVELOPMENT);
        try (var blobs = Files.walk(file.resolveSibling("seed.db.blobs"))) {
            for (Path path : blobs.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
        MainViewModel vm = viewModel(false);
        vm.open(file);
        vm.select(RUNS);
        vm.runs().selectedRunProperty().set(vm.runs().visibleRuns().get(3));

        vm.runs().selectedEventProperty().set(event(vm, 4));

        assertThat(vm.runs().payloadProperty().get())
                .startsWith("The payload cannot be shown: the payload of event seq 4 of run \"alpha\" (sha256 ")
                .contains("is missing from");
        assertThat(vm.bannerProperty().get()).contains("event seq 4");
    }

    @Test
    void aFileThatIsNotADatabaseShowsTheBannerAndKeepsTheConsoleUsable() throws Exception {
        Path junk = dir.resolve("notes.db");
        Files.writeString(junk, "these are notes, not a database ".repeat(100));
        MainViewModel vm = viewModel(false);

        vm.open(junk);

        vm.select(RUNS);

        assertThat(vm.openProperty().get()).isFalse();
        assertThat(vm.bannerProperty().get()).contains("is not a SQLite database");
        vm.open(Seed.database(dir, "seed.db", Environment.DEVELOPMENT));
        vm.select(RUNS);
        assertThat(vm.openProperty().get()).isTrue();
        assertThat(vm.bannerProperty().get()).isEmpty();
    }

    @Test
    void aBadFileOpenedOverAGoodOneLeavesTheGoodOneOpenAndSaysSo() throws Exception {
        Path good = Seed.database(dir, "seed.db", Environment.DEVELOPMENT);
        Path junk = dir.resolve("notes.db");
        Files.writeString(junk, "these are notes, not a database ".repeat(100));
        MainViewModel vm = viewModel(false);
        vm.open(good);
        vm.select(RUNS);

        vm.open(junk);

        assertThat(vm.openProperty().get()).isTrue();
        assertThat(vm.databaseNameProperty().get()).isEqualTo("seed.db");
        assertThat(vm.session().path()).isEqualTo(good.toAbsolutePath());
        assertThat(vm.bannerProperty().get())
                .contains("is not a SQLite database")
                .endsWith("seed.db stays open");
        vm.refresh();
        assertThat(vm.runs().visibleRuns()).hasSize(4);
        assertThat(vm.recent()).containsExactly(good);
    }

    @Test
    void aSchemaNewerThanTheConsoleIsSaidInTheBanner() throws Exception {
        Path file = Seed.database(dir, "future.db", Environment.DEVELOPMENT);
        try (Connection plain = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement sql = plain.createStatement()) {
            // What a newer runstore's migration leaves in the history.
            sql.execute("INSERT INTO flyway_schema_history (installed_rank, version, description, type, script,"
                    + " checksum, installed_by, execution_time, success) VALUES (99, '9', 'from the future', 'SQL',"
                    + " 'V9__from_the_future.sql', 0, 'test', 1, 1)");
        }
        MainViewModel vm = viewModel(false);

        vm.open(file);

        assertThat(vm.openProperty().get()).isTrue();
        assertThat(vm.bannerProperty().get())
                .contains("future.db's schema is at version 9, newer than this console knows (3)")
                .contains("upgrade runstore");
    }

    @Test
    void demoDatabasesAndVanishedFilesAreNotOfferedAgain() throws Exception {
        Path kept = Seed.database(dir, "kept.db", Environment.DEVELOPMENT);
        Path gone = Seed.database(dir, "gone.db", Environment.DEVELOPMENT);
        MainViewModel vm = viewModel(false);
        vm.open(gone);
        vm.open(kept);
        Files.delete(gone);

        vm.openDemo();
        vm.openDemo();

        assertThat(vm.databaseNameProperty().get()).isEqualTo("demo.db");
        assertThat(vm.recent()).containsExactly(kept);
        assertThat(vm.folderToOpenFrom()).contains(vm.session().path().getParent());
    }

    @Test
    void thePauseToggleSaysWhatPressingItDoes() {
        MainViewModel vm = viewModel(false);
        assertThat(vm.pauseTextProperty().get()).isEqualTo("Pause live refresh");
        vm.pausedProperty().set(true);
        assertThat(vm.pauseTextProperty().get()).isEqualTo("Resume live refresh");
        assertThat(vm.liveRefreshTextProperty().get()).isEmpty(); // nothing open yet
    }

    @Test
    void theChecksPanelListsFailuresFirst() throws Exception {
        Path file = Seed.database(dir, "seed.db", Environment.DEVELOPMENT);
        try (Connection plain = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement sql = plain.createStatement()) {
            sql.execute("PRAGMA foreign_keys = OFF");
            sql.execute("UPDATE events SET run_id = 999 WHERE id = (SELECT max(id) FROM events)");
        }
        MainViewModel vm = viewModel(false);
        vm.open(file);

        vm.select(CHECKS);

        var checks = vm.checks().checks();
        assertThat(checks).anyMatch(c -> !c.passed());
        int firstPassed = checks.indexOf(
                checks.stream().filter(c -> c.passed()).findFirst().orElseThrow());
        assertThat(checks.subList(0, firstPassed)).allMatch(c -> !c.passed());
        assertThat(checks.subList(firstPassed, checks.size())).allMatch(c -> c.passed());
    }

    @Test
    void aMissingFileShowsTheBannerAndCreatesNothing() {
        MainViewModel vm = viewModel(false);

        vm.open(dir.resolve("missing.db"));

        vm.select(RUNS);

        assertThat(vm.bannerProperty().get()).contains("does not exist");
        assertThat(dir.resolve("missing.db")).doesNotExist();
    }

    @Test
    void resetIsDisabledWithoutTheVariableAndSaysWhy() {
        MainViewModel vm = viewModel(false);
        vm.open(Seed.database(dir, "seed.db", Environment.DEVELOPMENT));
        vm.select(RUNS);

        assertThat(vm.resetAllowedProperty().get()).isFalse();
        assertThat(vm.resetTooltipProperty().get()).contains("RUNSTORE_ALLOW_RESET=1");
        assertThat(vm.confirmReset("seed.db")).isFalse();
        vm.select(TABLES);
        assertThat(vm.tables().tables())
                .filteredOn(t -> t.name().equals("events"))
                .singleElement()
                .extracting(TableRow::rows)
                .isEqualTo(48L);
    }

    @Test
    void aConfirmationIsForTheDatabaseItPreviewedNotOneOpenedSince() throws Exception {
        MainViewModel vm = viewModel(true);
        Path first = Seed.database(Files.createDirectories(dir.resolve("a")), "runstore.db", Environment.DEVELOPMENT);
        Path second = Seed.database(Files.createDirectories(dir.resolve("b")), "runstore.db", Environment.DEVELOPMENT);
        vm.open(first);
        vm.prepareReset(confirmation -> {});

        vm.open(second); // same file name: the typed name alone cannot tell them apart

        assertThat(vm.confirmReset("runstore.db")).isFalse();
        try (Stream<Path> files = Files.walk(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.contains(".bak-"));
        }
    }

    @Test
    void resetIsDisabledOnAProductionDatabase() {
        MainViewModel vm = viewModel(true);
        vm.open(Seed.database(dir, "prod.db", Environment.PRODUCTION));
        vm.select(RUNS);

        assertThat(vm.resetAllowedProperty().get()).isFalse();
        assertThat(vm.resetTooltipProperty().get()).contains("production");
    }

    @Test
    void aWrongTypedNameKeepsResetInert() throws Exception {
        MainViewModel vm = viewModel(true);
        Path file = Seed.database(dir, "seed.db", Environment.DEVELOPMENT);
        vm.open(file);
        vm.select(RUNS);

        assertThat(vm.resetAllowedProperty().get()).isTrue();
        vm.prepareReset(confirmation -> {});
        assertThat(vm.confirmReset("seed")).isFalse();
        assertThat(vm.confirmReset("other.db")).isFalse();
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.contains(".bak-"));
        }
        assertThat(vm.runs().visibleRuns()).hasSize(4);
    }

    @Test
    void theRightNameResetsLeavingACompleteBackupAndEmptyTables() throws Exception {
        MainViewModel vm = viewModel(true);
        Path file = Seed.database(dir, "seed.db", Environment.DEVELOPMENT);
        vm.open(file);
        vm.select(RUNS);

        assertThat(vm.confirmReset("seed.db")).as("no preview was shown").isFalse();
        ResetConfirmation[] shown = new ResetConfirmation[1];
        vm.prepareReset(confirmation -> shown[0] = confirmation);
        assertThat(shown[0].tables()).contains("events (48)");
        assertThat(vm.confirmReset("seed.db")).isTrue();

        assertThat(vm.noticeProperty().get()).startsWith("Reset done. Backup: ");
        Path backup = Path.of(vm.noticeProperty().get().substring("Reset done. Backup: ".length()));
        try (Database copy =
                Database.open(DatabaseConfig.builder(backup).readOnly().build())) {
            assertThat(TableCounts.of(copy)).containsEntry("runs", 4L).containsEntry("events", 48L);
        }
        assertThat(vm.runs().visibleRuns()).isEmpty();
        vm.select(TABLES);
        assertThat(vm.tables().tables())
                .filteredOn(t -> t.name().equals("events"))
                .singleElement()
                .extracting(TableRow::rows)
                .isEqualTo(0L);
        vm.select(MIGRATIONS);
        assertThat(vm.migrations().environmentProperty().get()).isEqualTo("development");
    }

    @Test
    void liveRefreshSeesNewRunsAndCanBePaused() {
        Path file = Seed.database(dir, "seed.db", Environment.DEVELOPMENT);
        MainViewModel vm = viewModel(false);
        vm.open(file);
        vm.select(RUNS);
        try (Database db = Database.open(file)) {
            new dev.runstore.core.store.Runs(db)
                    .create(new dev.runstore.core.store.NewRun(
                            "epsilon", "ingester", Map.of(), Seed.T0.plusSeconds(99_999)));
        }

        vm.pausedProperty().set(true);
        vm.tick();
        assertThat(vm.runs().visibleRuns()).hasSize(4);
        assertThat(vm.liveRefreshTextProperty().get()).isEqualTo("read-only · live refresh paused");

        vm.pausedProperty().set(false);
        vm.tick();
        assertThat(vm.runs().visibleRuns()).hasSize(5);
        assertThat(vm.runs().visibleRuns().get(0).run().name()).isEqualTo("epsilon");
    }

    private static dev.runstore.core.store.Event event(MainViewModel vm, long seq) {
        return vm.runs().visibleEvents().stream()
                .filter(e -> e.seq() == seq)
                .findFirst()
                .orElseThrow();
    }
}
