package dev.runstore.desktop.main;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runstore.core.db.Database;
import dev.runstore.core.migrate.Environment;
import dev.runstore.desktop.panel.Panel;
import dev.runstore.desktop.support.DirectExecutor;
import dev.runstore.desktop.support.Seed;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which database work each refresh does: only the visible panel's, counted on the session. */
class PanelLoadingTest {
    @TempDir
    Path dir;

    MainViewModel vm;
    final List<String> calls = new ArrayList<>();

    MainViewModel open(Path file) {
        vm = new MainViewModel(new DirectExecutor(), MainViewModel.Sessions.real(false), RecentFiles.inMemory());
        vm.open(file);
        vm.select(MainViewModelTest.RUNS); // these tests are about the Runs panel and the others
        vm.session().observe((operation, nanos) -> calls.add(operation));
        return vm;
    }

    @AfterEach
    void close() {
        vm.close();
    }

    @Test
    void aRefreshLoadsTheVisiblePanelOnlyAndHiddenPanelsDoNoDatabaseWork() {
        open(Seed.database(dir, "seed.db", Environment.DEVELOPMENT));

        vm.refresh();
        assertThat(calls).containsExactly("isRunstore", "recentRuns");

        calls.clear();
        vm.runs().selectedRunProperty().set(vm.runs().visibleRuns().get(0));
        vm.tick();
        // The selected run's chart reads its events once (the run is finished, so a refresh reads no
        // more of them), and the page's refresh reads only what is above its top row.
        assertThat(calls).containsExactly("events", "runRates", "isRunstore", "recentRuns", "newerEvents");

        calls.clear();
        vm.select(MainViewModelTest.TABLES);
        assertThat(calls).containsExactly("tables");
        calls.clear();
        vm.tick();
        vm.tick();
        assertThat(calls).containsExactly("tables", "tables");
    }

    @Test
    void aHiddenPanelThatMissedARefreshLoadsWhenShownAndNotOtherwise() {
        open(Seed.database(dir, "seed.db", Environment.DEVELOPMENT));
        vm.select(MainViewModelTest.TABLES);
        vm.select(MainViewModelTest.RUNS);
        calls.clear();

        vm.select(MainViewModelTest.TABLES); // nothing refreshed meanwhile: still current
        assertThat(calls).isEmpty();

        vm.select(MainViewModelTest.RUNS);
        vm.tick();
        calls.clear();
        vm.select(MainViewModelTest.TABLES); // a refresh passed while hidden: stale
        assertThat(calls).containsExactly("tables");
    }

    @Test
    void checksRunOnceWhenFirstShownAndThenOnlyOnRequest() {
        open(Seed.database(dir, "seed.db", Environment.DEVELOPMENT));

        vm.select(MainViewModelTest.CHECKS);
        assertThat(calls).containsExactly("checks");
        assertThat(vm.checks().okProperty().get()).isTrue();

        calls.clear();
        vm.tick();
        vm.refresh();
        assertThat(calls).isEmpty();

        vm.checks().runChecks();
        assertThat(calls).containsExactly("checks");
    }

    @Test
    void oneMigrationStatusPerMigrationsLoad() {
        open(Seed.database(dir, "seed.db", Environment.DEVELOPMENT));

        vm.select(MainViewModelTest.MIGRATIONS);

        assertThat(calls).containsExactly("isRunstore", "migrationStatus");
        assertThat(vm.migrations().currentProperty().get()).isEqualTo("3");
    }

    @Test
    void aPlainSqliteFileOpensAndRunstoresPanelsSaySoWhileTheOthersWork() {
        Path plain = dir.resolve("plain.db");
        try (Database db = Database.open(plain)) {
            db.useWrite(h -> h.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)"));
            db.useWrite(h -> h.execute("INSERT INTO notes (body) VALUES ('one'), ('two')"));
        }
        open(plain);

        assertThat(vm.openProperty().get()).isTrue();
        assertThat(vm.bannerProperty().get()).isEmpty();
        assertThat(vm.runs().notRunstoreProperty().get()).isTrue();
        assertThat(vm.runs().visibleRuns()).isEmpty();
        vm.select(MainViewModelTest.MIGRATIONS);
        assertThat(vm.migrations().summaryProperty().get()).isEqualTo(Panel.NOT_RUNSTORE);
        vm.select(MainViewModelTest.TABLES);
        assertThat(vm.tables().tables())
                .extracting(t -> t.name() + "=" + t.rows())
                .contains("notes=2");
        vm.select(MainViewModelTest.CHECKS);
        assertThat(vm.bannerProperty().get()).isEmpty();
        assertThat(vm.checks().checks()).isNotEmpty();
        assertThat(vm.bannerProperty().get()).isEmpty();
    }

    @Test
    void anEmptyFileOpensAsANonRunstoreDatabase() throws Exception {
        Path empty = Files.createFile(dir.resolve("empty.db"));
        open(empty);

        assertThat(vm.openProperty().get()).isTrue();
        assertThat(vm.bannerProperty().get()).isEmpty();
        assertThat(vm.runs().notRunstoreProperty().get()).isTrue();
        vm.select(MainViewModelTest.TABLES);
        assertThat(vm.tables().tables()).isEmpty();
        assertThat(vm.bannerProperty().get()).isEmpty();
    }
}
