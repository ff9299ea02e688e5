package dev.runstore.desktop.runs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runstore.core.db.Database;
import dev.runstore.core.migrate.Environment;
import dev.runstore.core.migrate.Migrator;
import dev.runstore.core.store.Event;
import dev.runstore.core.store.Events;
import dev.runstore.core.store.Level;
import dev.runstore.core.store.NewEvent;
import dev.runstore.core.store.NewRun;
import dev.runstore.core.store.Runs;
import dev.runstore.desktop.main.MainViewModel;
import dev.runstore.desktop.main.RecentFiles;
import dev.runstore.desktop.runs.RunsViewModel.Follow;
import dev.runstore.desktop.support.DirectExecutor;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javafx.collections.ListChangeListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Refreshes that keep their place, and following a run as another connection writes it, without a toolkit. */
class RunsFollowTest {
    static final Instant T0 = Instant.parse("2026-11-27T09:00:00Z");
    static final int EVENTS = 500;

    @TempDir
    Path dir;

    Path file;
    long runId;
    MainViewModel vm;
    RunsViewModel runs;
    final List<String> calls = new ArrayList<>();

    @BeforeEach
    void open() {
        file = dir.resolve("follow.db");
        try (Database db = Database.open(file)) {
            new Migrator(Environment.DEVELOPMENT).migrate(db);
            runId = new Runs(db)
                    .create(new NewRun("live", "test", Map.of(), T0))
                    .id();
        }
        append(1, EVENTS);
        vm = new MainViewModel(new DirectExecutor(), MainViewModel.Sessions.real(false), RecentFiles.inMemory());
        vm.open(file);
        vm.select(1); // Runs
        runs = vm.runs();
        runs.selectedRunProperty().set(runs.visibleRuns().get(0));
        vm.session().observe((operation, nanos) -> calls.add(operation));
    }

    @AfterEach
    void close() {
        vm.close();
    }

    /** Another connection, read-write, appends through core's store as an ingester does. */
    void append(int from, int to) {
        List<NewEvent> batch = new ArrayList<>();
        for (int seq = from; seq <= to; seq++) {
            Level level = seq % 5 == 0 ? Level.WARNING : Level.INFO;
            batch.add(new NewEvent(seq, T0.plusMillis(seq * 10L), level, "step", "step " + seq, Map.of("seq", seq)));
        }
        try (Database db = Database.open(file)) {
            new Events(db).append(runId, batch);
        }
    }

    @Test
    void aRefreshKeepsTheListTheSelectedEventAndItsPaneAndSaysHowManyAreNew() {
        Event picked = runs.visibleEvents().get(5);
        runs.selectedEventProperty().set(picked);
        String pane = runs.payloadProperty().get();
        int[] listChanges = {0};
        int[] selectionChanges = {0};
        runs.visibleEvents().addListener((ListChangeListener<Event>) c -> listChanges[0]++);
        runs.selectedEventProperty().addListener((o, was, now) -> selectionChanges[0]++);
        runs.payloadProperty().addListener((o, was, now) -> selectionChanges[0]++);

        vm.refresh(); // F5 with nothing new
        append(EVENTS + 1, EVENTS + 12);
        vm.tick();

        assertThat(listChanges[0]).isZero();
        assertThat(selectionChanges[0]).isZero();
        assertThat(runs.selectedEventProperty().get().id()).isEqualTo(picked.id());
        assertThat(runs.payloadProperty().get()).isEqualTo(pane).contains("\"seq\" : 495");
        assertThat(runs.visibleEvents().get(0).seq()).isEqualTo(EVENTS);
        assertThat(runs.arrivedProperty().get()).isEqualTo("12 new events");
        assertThat(runs.canNewerProperty().get()).isTrue();
        assertThat(runs.pageSummaryProperty().get()).isEqualTo("Showing 200 of 512 events, newest first");
        // Only the rows above the page were read, not the page again.
        assertThat(calls).doesNotContain("events").contains("newerEvents");

        runs.newest();
        assertThat(runs.visibleEvents().get(0).seq()).isEqualTo(EVENTS + 12L);
        assertThat(runs.arrivedProperty().get()).isEmpty();
        assertThat(runs.selectedEventProperty().get().id()).isEqualTo(picked.id());
    }

    @Test
    void anOlderPageStaysWhereItIsWhenEventsArrive() {
        runs.older();
        List<Event> page = List.copyOf(runs.visibleEvents());
        calls.clear();

        append(EVENTS + 1, EVENTS + 30);
        vm.tick();

        assertThat(runs.visibleEvents()).containsExactlyElementsOf(page);
        assertThat(page.get(0).seq()).isEqualTo(EVENTS - 200L);
        assertThat(runs.pageSummaryProperty().get()).isEqualTo("Showing 200 of 530 events, newest first");
        assertThat(calls).containsExactly("isRunstore", "recentRuns", "ratesRefresh");
    }

    @Test
    void followingPutsTheNewEventsOnTopAndMarksOnlyThem() {
        runs.toggleFollow();
        assertThat(runs.followProperty().get()).isEqualTo(Follow.ON);
        vm.tick();
        assertThat(runs.freshEvents()).isEmpty();

        append(EVENTS + 1, EVENTS + 3);
        calls.clear();
        vm.tick();

        assertThat(runs.visibleEvents()).hasSize(200);
        assertThat(runs.visibleEvents().subList(0, 4)).extracting(Event::seq).containsExactly(503L, 502L, 501L, 500L);
        assertThat(runs.freshEvents())
                .containsExactlyInAnyOrderElementsOf(runs.visibleEvents().subList(0, 3).stream()
                        .map(Event::id)
                        .toList());
        assertThat(runs.pageSummaryProperty().get()).isEqualTo("Showing 200 of 503 events, newest first");
        assertThat(runs.canOlderProperty().get()).isTrue();
        assertThat(calls).containsExactly("isRunstore", "recentRuns", "newerEvents", "ratesRefresh");

        vm.tick(); // nothing new: the mark stays until the view has shown it
        runs.forgetFresh();
        assertThat(runs.freshEvents()).isEmpty();
    }

    @Test
    void followingKeepsTheLevelFilter() {
        runs.minLevelProperty().set(Level.WARNING);
        runs.follow();

        append(EVENTS + 1, EVENTS + 10);
        vm.tick();

        assertThat(runs.visibleEvents().subList(0, 3)).extracting(Event::seq).containsExactly(510L, 505L, 500L);
        assertThat(runs.visibleEvents()).allMatch(e -> e.level() == Level.WARNING);
        assertThat(runs.pageSummaryProperty().get())
                .isEqualTo("Showing 102 of 102 matching, newest first · 510 in the run");
        assertThat(runs.freshEvents()).hasSize(2);
    }

    @Test
    void selectingAnOlderRowPausesFollowingAndTheViewStaysUntilFollowIsPressedAgain() {
        runs.follow();
        runs.selectedEventProperty().set(runs.visibleEvents().get(0));
        assertThat(runs.followProperty().get()).isEqualTo(Follow.ON);
        runs.selectedEventProperty().set(runs.visibleEvents().get(7));
        assertThat(runs.followProperty().get()).isEqualTo(Follow.PAUSED);
        List<Event> page = List.copyOf(runs.visibleEvents());

        append(EVENTS + 1, EVENTS + 5);
        vm.tick();
        assertThat(runs.visibleEvents()).containsExactlyElementsOf(page);
        assertThat(runs.arrivedProperty().get()).isEqualTo("5 new events");

        runs.toggleFollow();
        assertThat(runs.followProperty().get()).isEqualTo(Follow.ON);
        assertThat(runs.visibleEvents().get(0).seq()).isEqualTo(EVENTS + 5L);
        runs.toggleFollow();
        assertThat(runs.followProperty().get()).isEqualTo(Follow.OFF);
    }

    @Test
    void moreThanAPageArrivingWhileFollowingShowsTheNewestPageAndCountsThemAll() {
        runs.follow();
        Event selected = runs.visibleEvents().get(0);
        runs.selectedEventProperty().set(selected);

        append(EVENTS + 1, EVENTS + 450);
        calls.clear();
        vm.tick();

        assertThat(calls).containsExactly("isRunstore", "recentRuns", "newerEvents", "ratesRefresh");

        assertThat(runs.visibleEvents())
                .hasSize(200)
                .first()
                .extracting(Event::seq)
                .isEqualTo(950L);
        assertThat(runs.freshEvents()).hasSize(200);
        assertThat(runs.selectedEventProperty().get()).isNull();
        assertThat(runs.payloadProperty().get()).isEmpty();
        assertThat(runs.pageSummaryProperty().get()).isEqualTo("Showing 200 of 950 events, newest first");
    }

    @Test
    void pagingToOlderEventsPausesFollowing() {
        runs.follow();
        runs.older();
        assertThat(runs.followProperty().get()).isEqualTo(Follow.PAUSED);
    }
}
