package dev.runstore.desktop.runs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runstore.core.admin.RunSummary;
import dev.runstore.core.db.Database;
import dev.runstore.core.migrate.Environment;
import dev.runstore.core.migrate.Migrator;
import dev.runstore.core.store.Event;
import dev.runstore.core.store.Events;
import dev.runstore.core.store.Level;
import dev.runstore.core.store.NewEvent;
import dev.runstore.core.store.NewRun;
import dev.runstore.core.store.Run;
import dev.runstore.core.store.Runs;
import dev.runstore.desktop.main.MainViewModel;
import dev.runstore.desktop.main.RecentFiles;
import dev.runstore.desktop.support.DirectExecutor;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Runs panel over a 10,000-event run, without a toolkit. */
class RunsPagingTest {
    static final Instant T0 = Instant.parse("2026-11-27T09:00:00Z");
    static final int EVENTS = 10_000;

    @TempDir
    static Path dir;

    static Path file;
    static long runId;
    MainViewModel vm;
    RunsViewModel runs;

    @BeforeAll
    static void seed() {
        file = dir.resolve("big.db");
        try (Database db = Database.open(file)) {
            new Migrator(Environment.DEVELOPMENT).migrate(db);
            Run run = new Runs(db).create(new NewRun("big", "test", Map.of(), T0));
            runId = run.id();
            append(db, 1, EVENTS);
        }
    }

    static void append(Database db, int from, int to) {
        List<NewEvent> batch = new ArrayList<>();
        for (int seq = from; seq <= to; seq++) {
            Level level = seq % 4 == 0 ? Level.WARNING : Level.INFO;
            batch.add(new NewEvent(seq, T0.plusMillis(seq * 100L), level, "step", "step " + seq + " done", null));
        }
        new Events(db).append(runId, batch);
    }

    @BeforeEach
    void open() {
        vm = new MainViewModel(new DirectExecutor(), MainViewModel.Sessions.real(false), RecentFiles.inMemory());
        vm.open(file);
        vm.select(1); // Runs
        runs = vm.runs();
        runs.selectedRunProperty().set(runs.visibleRuns().get(0));
    }

    @org.junit.jupiter.api.AfterEach
    void close() {
        vm.close();
    }

    @AfterAll
    static void nothing() {}

    @Test
    void olderPagesReachTheFirstEventWithNoGapOrRepeat() {
        List<Long> seqs = new ArrayList<>();
        assertThat(runs.pageSummaryProperty().get()).isEqualTo("Showing 200 of 10,000 events, newest first");
        assertThat(runs.canNewerProperty().get()).isFalse();
        runs.visibleEvents().forEach(e -> seqs.add(e.seq()));
        while (runs.canOlderProperty().get()) {
            runs.older();
            runs.visibleEvents().forEach(e -> seqs.add(e.seq()));
        }
        assertThat(seqs).hasSize(EVENTS).doesNotHaveDuplicates().isSortedAccordingTo((a, b) -> Long.compare(b, a));
        assertThat(seqs.get(EVENTS - 1)).isEqualTo(1L);

        runs.newest();
        assertThat(runs.visibleEvents().get(0).seq()).isEqualTo(EVENTS);
        runs.oldest();
        assertThat(last().seq()).isEqualTo(1L);
        runs.newer();
        assertThat(last().seq()).isEqualTo(201L);
    }

    @Test
    void searchFindsStep5000OverTheWholeRun() {
        runs.searchProperty().set("step 5000 ");

        assertThat(runs.visibleEvents()).extracting(Event::seq).containsExactly(5000L);
        assertThat(runs.pageSummaryProperty().get())
                .isEqualTo("Showing 1 of 1 matching, newest first · 10,000 in the run");
    }

    @Test
    void theLevelFilterCountsTheWholeRun() {
        runs.minLevelProperty().set(Level.WARNING);

        assertThat(runs.visibleEvents()).hasSize(200).allMatch(e -> e.level() == Level.WARNING);
        assertThat(runs.pageSummaryProperty().get()).startsWith("Showing 200 of 2,500 matching");
    }

    @Test
    void theRunsCountAgreesWithItsPageAfterEventsArriveAndAtRefresh() {
        RunSummary selected = runs.selectedRunProperty().get();
        assertThat(runs.eventCount(selected)).isEqualTo(EVENTS);
        try (Database db = Database.open(file)) {
            append(db, EVENTS + 1, EVENTS + 50);
        }

        runs.newest(); // the page alone: the runs listing is still of before
        assertThat(runs.visibleEvents().get(0).seq()).isEqualTo(EVENTS + 50L);
        assertThat(runs.eventCount(runs.selectedRunProperty().get())).isEqualTo(EVENTS + 50L);

        vm.tick();
        RunSummary again = runs.selectedRunProperty().get();
        assertThat(again.eventCount()).isEqualTo(EVENTS + 50L);
        assertThat(runs.eventCount(again)).isEqualTo(EVENTS + 50L);
        assertThat(runs.pageSummaryProperty().get()).contains("10,050 events");
        try (Database db = Database.open(file)) {
            db.useWrite(h -> h.execute("DELETE FROM events WHERE seq > " + EVENTS));
        }
    }

    @Test
    void theEventPaneShowsTheWholeMessageAndCopiesTheRow() {
        Event top = runs.visibleEvents().get(0);
        runs.selectedEventProperty().set(top);

        assertThat(runs.messageProperty().get()).isEqualTo("step 10000 done");
        assertThat(runs.copyText()).isEqualTo("2026-11-27T09:16:40+00:00\t10000\twarning\tstep\tstep 10000 done");
    }

    private Event last() {
        return runs.visibleEvents().get(runs.visibleEvents().size() - 1);
    }
}
