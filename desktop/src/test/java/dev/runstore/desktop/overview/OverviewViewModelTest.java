package dev.runstore.desktop.overview;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runstore.core.catalog.TableCounts;
import dev.runstore.core.db.Database;
import dev.runstore.core.db.DatabaseConfig;
import dev.runstore.desktop.main.MainViewModel;
import dev.runstore.desktop.main.RecentFiles;
import dev.runstore.desktop.support.DirectExecutor;
import dev.runstore.desktop.support.Seed;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Overview panel's figures equal core's, and a live refresh re-reads only the cheap ones. */
class OverviewViewModelTest {
    @TempDir
    Path dir;

    MainViewModel main;

    @AfterEach
    void close() {
        main.close();
    }

    @Test
    void theConsoleLandsOnTheOverviewWithTheFiguresCoreComputes() {
        Path file = Seed.withUserTables(dir, "seed.db");
        Map<String, Long> counts;
        try (Database db = Database.open(DatabaseConfig.builder(file).readOnly().build())) {
            counts = TableCounts.of(db);
        }
        main = new MainViewModel(new DirectExecutor(), MainViewModel.Sessions.real(false), RecentFiles.inMemory());
        main.open(file);
        OverviewViewModel overview = main.overview();

        assertThat(main.selectedIndexProperty().get()).isZero();
        assertThat(overview.fileProperty().get())
                .isEqualTo(file.toAbsolutePath().toString());
        assertThat(overview.engineProperty().get()).startsWith("SQLite 3.").endsWith("journal mode wal");
        assertThat(overview.migrationsProperty().get()).isEqualTo("version 3 · up to date · environment development");
        assertThat(overview.checksProperty().get()).matches("All \\d+ checks passed");
        assertThat(overview.runsProperty().get()).isEqualTo("1 cancelled · 1 failed · 1 running · 1 succeeded");
        assertThat(overview.activityProperty().get())
                .startsWith("Last event 2026-11-27 12:00:12.000 UTC · 0 in the last hour");
        assertThat(overview.tables().stream()
                        .collect(Collectors.toMap(
                                OverviewViewModel.TableCount::table, OverviewViewModel.TableCount::rows)))
                .isEqualTo(counts);
        assertThat(overview.tables().get(0).table()).isEqualTo("big"); // the largest first
    }

    @Test
    void theOverviewShowsFirstThenCountsAndChecksBehindIt() {
        Path file = Seed.database(dir, "seed.db", dev.runstore.core.migrate.Environment.DEVELOPMENT);
        main = new MainViewModel(new DirectExecutor(), MainViewModel.Sessions.real(false), RecentFiles.inMemory());
        List<String> calls = new ArrayList<>();
        MainViewModel.Sessions counted = new MainViewModel.Sessions() {
            @Override
            public dev.runstore.desktop.data.DatabaseSession open(Path path) {
                dev.runstore.desktop.data.DatabaseSession session =
                        dev.runstore.desktop.data.DatabaseSession.open(path, false);
                session.observe((operation, nanos) -> calls.add(operation));
                return session;
            }

            @Override
            public dev.runstore.desktop.data.DatabaseSession openDemo() {
                throw new UnsupportedOperationException();
            }
        };
        main.close();
        main = new MainViewModel(new DirectExecutor(), counted, RecentFiles.inMemory());
        main.open(file);
        assertThat(calls).containsSubsequence("overview", "overviewCounts", "checks");
        assertThat(main.overview().countedProperty().get()).startsWith("Counted ");
    }

    @Test
    void aLiveRefreshCostsOnlyTheCheapReadsAndCountAgainReadsTheRest() {
        Path file = Seed.database(dir, "seed.db", dev.runstore.core.migrate.Environment.DEVELOPMENT);
        main = new MainViewModel(new DirectExecutor(), MainViewModel.Sessions.real(false), RecentFiles.inMemory());
        List<String> calls = new ArrayList<>();
        main.open(file);
        main.session().observe((operation, nanos) -> calls.add(operation));

        main.tick();
        main.tick();
        // The runs timeline's newest runs and the rate chart's last bucket are as cheap.
        assertThat(calls)
                .containsExactly(
                        "overviewRefresh",
                        "runsTimeline",
                        "ratesRefresh",
                        "overviewRefresh",
                        "runsTimeline",
                        "ratesRefresh");

        calls.clear();
        main.overview().recount();
        assertThat(calls).containsExactly("overviewCounts");
        calls.clear();
        main.overview().runChecks();
        assertThat(calls).containsExactly("checks");
    }

    @Test
    void aPlainSqliteFileSaysItIsNotRunstoresInWords() throws Exception {
        Path plain = dir.resolve("plain.db");
        try (Database db = Database.open(plain)) {
            db.useWrite(h -> h.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY)"));
        }
        main = new MainViewModel(new DirectExecutor(), MainViewModel.Sessions.real(false), RecentFiles.inMemory());
        main.open(plain);
        assertThat(main.bannerProperty().get()).isEmpty();
        assertThat(main.overview().activityProperty().get()).startsWith("Not a runstore database");
        assertThat(main.overview().migrationsProperty().get()).startsWith("never migrated · 3 pending");
        assertThat(main.overview().tables())
                .extracting(OverviewViewModel.TableCount::table)
                .containsExactly("notes");
    }
}
