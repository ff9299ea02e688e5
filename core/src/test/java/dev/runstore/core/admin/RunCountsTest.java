package dev.runstore.core.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runstore.core.db.Database;
import dev.runstore.core.migrate.Environment;
import dev.runstore.core.migrate.Migrator;
import dev.runstore.core.store.Events;
import dev.runstore.core.store.Level;
import dev.runstore.core.store.NewEvent;
import dev.runstore.core.store.NewRun;
import dev.runstore.core.store.Run;
import dev.runstore.core.store.Runs;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Counts carried forward by the rowid range of new events equal counts taken afresh. */
class RunCountsTest {
    private static final Instant T0 = Instant.parse("2026-11-27T09:00:00Z");

    @TempDir
    Path dir;

    @Test
    void countsCarriedForwardEqualFreshCountsAsEventsAndRunsArrive() {
        try (Database db = Database.open(dir.resolve("counts.db"))) {
            new Migrator(Environment.TEST).migrate(db);
            Demo.fill(db, 4, 30);
            RunListing first = Listings.recentRuns(db, Optional.empty(), 10, RunCounts.NONE);
            assertThat(counts(first)).isEqualTo(counts(Listings.recentRuns(db, Optional.empty(), 10)));

            Run existing = first.runs().get(1).run();
            append(db, existing, 31, 7);
            Run added = new Runs(db).create(new NewRun("later", "test", Map.of(), T0.plusSeconds(86_400 * 400L)));
            append(db, added, 1, 5);

            RunListing next = Listings.recentRuns(db, Optional.empty(), 10, first.counts());
            Map<String, Long> fresh = counts(Listings.recentRuns(db, Optional.empty(), 10));
            assertThat(counts(next)).isEqualTo(fresh);
            assertThat(fresh).containsEntry("later", 5L).containsEntry(existing.name(), 37L);
            assertThat(next.counts().throughEvent())
                    .isGreaterThan(first.counts().throughEvent());

            // Events removed since (a reset, a delete by hand) are seen: the counts are taken afresh.
            db.useWrite(h -> h.execute("DELETE FROM events WHERE run_id = ? AND seq > 20", added.id()));
            db.useWrite(h -> h.execute("DELETE FROM events WHERE id = (SELECT max(id) FROM events)"));
            RunListing after = Listings.recentRuns(db, Optional.empty(), 10, next.counts());
            assertThat(counts(after)).isEqualTo(counts(Listings.recentRuns(db, Optional.empty(), 10)));
        }
    }

    @Test
    void aListedRunThatWasNotCountedIsCountedAfresh() {
        try (Database db = Database.open(dir.resolve("counts.db"))) {
            new Migrator(Environment.TEST).migrate(db);
            Demo.fill(db, 4, 30);
            RunListing two = Listings.recentRuns(db, Optional.empty(), 2, RunCounts.NONE);
            RunListing all = Listings.recentRuns(db, Optional.empty(), 10, two.counts());
            assertThat(counts(all)).isEqualTo(counts(Listings.recentRuns(db, Optional.empty(), 10)));
            assertThat(counts(all).values()).containsOnly(30L);
        }
    }

    private static void append(Database db, Run run, int fromSeq, int n) {
        List<NewEvent> events = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            events.add(new NewEvent(fromSeq + i, T0.plusSeconds(i), Level.INFO, "k", "m " + i, Map.of("i", i)));
        }
        new Events(db).append(run.id(), events);
    }

    private static Map<String, Long> counts(RunListing listing) {
        return counts(listing.runs());
    }

    private static Map<String, Long> counts(List<RunSummary> runs) {
        return runs.stream().collect(Collectors.toMap(r -> r.run().name(), RunSummary::eventCount));
    }
}
