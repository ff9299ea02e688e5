package dev.runstore.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runstore.core.admin.Listings;
import dev.runstore.core.admin.RunSummary;
import dev.runstore.core.db.Database;
import dev.runstore.core.migrate.Environment;
import dev.runstore.core.migrate.Migrator;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Paged, filtered events of one run on a real SQLite file: the console's Runs panel. */
class EventPagingTest {
    static final Instant T0 = Instant.parse("2026-11-27T09:00:00Z");
    static final int EVENTS = 10_000;

    @TempDir
    static Path dir;

    static Database db;
    static Events events;
    static Run big;
    static Run small;

    @BeforeAll
    static void fill() {
        db = Database.open(dir.resolve("paging.db"));
        new Migrator(Environment.TEST).migrate(db);
        Runs runs = new Runs(db);
        events = new Events(db);
        big = runs.create(new NewRun("big", "test", Map.of(), T0));
        small = runs.create(new NewRun("small", "test", Map.of(), T0.plusSeconds(1)));
        List<NewEvent> batch = new ArrayList<>();
        for (int seq = 1; seq <= EVENTS; seq++) {
            // Pairs of events share a ts, so the keyset must break ties on seq.
            Level level = seq % 10 == 0 ? Level.ERROR : Level.INFO;
            batch.add(new NewEvent(
                    seq, T0.plusMillis(seq / 2 * 10L), level, seq % 7 == 0 ? "Fetch" : "parse", "step " + seq, null));
        }
        events.append(big.id(), batch);
        events.append(small.id(), List.of(new NewEvent(1, T0, Level.INFO, "k", "only 100% _done_", null)));
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @Test
    void olderPagesReachTheFirstEventWithNoGapOrRepeat() {
        List<Long> seqs = new ArrayList<>();
        EventPage page = events.page(big.id(), EventFilter.ALL, EventPage.Go.NEWEST, null, 200);
        assertThat(page.hasNewer()).isFalse();
        assertThat(page.runTotal()).isEqualTo(EVENTS);
        assertThat(page.matching()).isEqualTo(EVENTS);
        int pages = 1;
        page.events().forEach(e -> seqs.add(e.seq()));
        while (page.hasOlder()) {
            page = events.page(big.id(), EventFilter.ALL, EventPage.Go.OLDER, last(page), 200);
            page.events().forEach(e -> seqs.add(e.seq()));
            pages++;
        }
        assertThat(pages).isEqualTo(EVENTS / 200);
        assertThat(seqs).hasSize(EVENTS).doesNotHaveDuplicates().isSortedAccordingTo((a, b) -> Long.compare(b, a));
        assertThat(seqs.get(seqs.size() - 1)).isEqualTo(1L);
    }

    @Test
    void newerPagesWalkBackFromTheOldestAndTheLastNewerPageIsTheNewest() {
        EventPage oldest = events.page(big.id(), EventFilter.ALL, EventPage.Go.OLDEST, null, 200);
        assertThat(oldest.events()).hasSize(200);
        assertThat(last(oldest).seq()).isEqualTo(1L);
        assertThat(oldest.events().get(0).seq()).isEqualTo(200L);
        assertThat(oldest.hasOlder()).isFalse();
        assertThat(oldest.hasNewer()).isTrue();

        EventPage newer = events.page(
                big.id(), EventFilter.ALL, EventPage.Go.NEWER, oldest.events().get(0), 200);
        assertThat(newer.events()).extracting(Event::seq).startsWith(400L).endsWith(201L);

        Event nearTop = events.page(big.id(), EventFilter.ALL, EventPage.Go.NEWEST, null, 200)
                .events()
                .get(50);
        EventPage top = events.page(big.id(), EventFilter.ALL, EventPage.Go.NEWER, nearTop, 200);
        assertThat(top.events()).hasSize(200).first().extracting(Event::seq).isEqualTo((long) EVENTS);
        assertThat(top.hasNewer()).isFalse();
    }

    @Test
    void searchRunsOverTheWholeRunCaseInsensitively() {
        EventPage page =
                events.page(big.id(), new EventFilter(Level.DEBUG, "STEP 5000"), EventPage.Go.NEWEST, null, 200);

        assertThat(page.events()).extracting(Event::seq).containsExactly(5000L);
        assertThat(page.matching()).isEqualTo(1);
        assertThat(page.matchingExact()).isTrue();
        assertThat(page.runTotal()).isEqualTo(EVENTS);

        EventPage byKind = events.page(big.id(), new EventFilter(Level.DEBUG, "fetch"), EventPage.Go.NEWEST, null, 200);
        assertThat(byKind.matching()).isEqualTo(EVENTS / 7);
    }

    @Test
    void levelAndSearchCombineAndPageToTheFirstMatch() {
        EventFilter errors = new EventFilter(Level.ERROR, "step 1");
        List<Long> seqs = new ArrayList<>();
        EventPage page = events.page(big.id(), errors, EventPage.Go.NEWEST, null, 50);
        page.events().forEach(e -> seqs.add(e.seq()));
        while (page.hasOlder()) {
            page = events.page(big.id(), errors, EventPage.Go.OLDER, last(page), 50);
            page.events().forEach(e -> seqs.add(e.seq()));
        }
        List<Long> expected = new ArrayList<>();
        for (long seq = EVENTS; seq >= 1; seq--) {
            if (seq % 10 == 0 && ("step " + seq).contains("step 1")) {
                expected.add(seq);
            }
        }
        assertThat(seqs).isEqualTo(expected);
        assertThat(page.matching()).isEqualTo(expected.size());
    }

    @Test
    void likeWildcardsInTheSearchAreLiteral() {
        assertThat(events.page(small.id(), new EventFilter(Level.DEBUG, "100%"), EventPage.Go.NEWEST, null, 10)
                        .events())
                .hasSize(1);
        assertThat(events.page(small.id(), new EventFilter(Level.DEBUG, "1_0"), EventPage.Go.NEWEST, null, 10)
                        .events())
                .isEmpty();
        assertThat(events.page(big.id(), new EventFilter(Level.DEBUG, "%"), EventPage.Go.NEWEST, null, 10)
                        .matching())
                .isZero();
    }

    @Test
    void aCountOverItsBudgetIsALowerBound() {
        EventPage page = events.page(
                big.id(), new EventFilter(Level.INFO, "step"), EventPage.Go.NEWEST, null, 10, Duration.ZERO);

        // 10,000 events fit one chunk, so even a zero budget finishes: the bound applies to big runs.
        assertThat(page.matchingExact()).isTrue();
        assertThat(page.matching()).isEqualTo(EVENTS);
    }

    @Test
    void recentRunsCountEveryRunsEventsInOneGroupedQuery() {
        List<RunSummary> listed = Listings.recentRuns(db, Optional.empty(), 10);

        assertThat(listed)
                .extracting(r -> r.run().name(), RunSummary::eventCount)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("small", 1L),
                        org.assertj.core.groups.Tuple.tuple("big", (long) EVENTS));
        assertThat(Listings.recentRuns(db, Optional.of(RunStatus.RUNNING), 1))
                .extracting(RunSummary::eventCount)
                .containsExactly(1L);
    }

    @Test
    void newerReadsOnlyTheEventsAboveTheAnchorNewestFirstUnderTheFilter() {
        EventPage top = events.page(big.id(), EventFilter.ALL, EventPage.Go.NEWEST, null, 200);
        Event anchor = top.events().get(5); // seq 9,995, which shares its ts with 9,994: ties break on seq

        Events.Newer all = events.newer(big.id(), EventFilter.ALL, anchor, 200, 1_000);
        assertThat(all.events()).extracting(Event::seq).containsExactly(10_000L, 9_999L, 9_998L, 9_997L, 9_996L);
        assertThat(all.count()).isEqualTo(5);
        assertThat(all.countExact()).isTrue();
        Events.Newer errors = events.newer(big.id(), new EventFilter(Level.ERROR, ""), anchor, 200, 1_000);
        assertThat(errors.events()).extracting(Event::seq).containsExactly(10_000L);
        assertThat(events.newer(big.id(), EventFilter.ALL, top.events().get(0), 200, 1_000)
                        .events())
                .isEmpty();

        // More than asked for: the newest ones, and how many there are in all.
        Events.Newer two = events.newer(big.id(), EventFilter.ALL, anchor, 2, 1_000);
        assertThat(two.events()).extracting(Event::seq).containsExactly(10_000L, 9_999L);
        assertThat(two.count()).isEqualTo(5);
        assertThat(two.countExact()).isTrue();
        Event older = top.events().get(150); // 150 events above it, 15 of them errors
        Events.Newer capped = events.newer(big.id(), EventFilter.ALL, older, 10, 100);
        assertThat(capped.count()).isEqualTo(100);
        assertThat(capped.countExact()).isFalse();
        Events.Newer filtered = events.newer(big.id(), new EventFilter(Level.ERROR, ""), older, 3, 1_000);
        assertThat(filtered.events()).extracting(Event::seq).containsExactly(10_000L, 9_990L, 9_980L);
        assertThat(filtered.count()).isEqualTo(15);

        assertThat(events.newer(big.id(), EventFilter.ALL, null, 3, 1_000).events())
                .extracting(Event::seq)
                .containsExactly(10_000L, 9_999L, 9_998L);
    }

    private static Event last(EventPage page) {
        return page.events().get(page.events().size() - 1);
    }
}
