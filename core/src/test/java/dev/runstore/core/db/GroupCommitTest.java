package dev.runstore.core.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runstore.core.error.ConflictException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GroupCommitTest {
    @TempDir
    Path dir;

    @Test
    void unitsQueuedTogetherShareACommitButFailAlone() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try (Database db = Database.open(dir.resolve("group.db"))) {
            Workloads.createTables(db);
            List<Future<Integer>> group = OneGroup.of(
                    db,
                    threads,
                    1,
                    List.of(
                            h -> h.execute("INSERT INTO counters (seq, writer) VALUES (2, 'a')"),
                            h -> h.execute("INSERT INTO counters (seq, writer) VALUES (1, 'duplicate')"),
                            h -> h.execute("INSERT INTO counters (seq, writer) VALUES (3, 'b')")));

            assertThat(group.get(0).get(10, TimeUnit.SECONDS)).isEqualTo(1);
            assertThat(group.get(2).get(10, TimeUnit.SECONDS)).isEqualTo(1);
            assertThatThrownBy(() -> group.get(1).get(10, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(ConflictException.class);
            String kept = db.read(
                    h -> h.createQuery("SELECT group_concat(writer) FROM (SELECT writer FROM counters ORDER BY seq)")
                            .mapTo(String.class)
                            .one());
            assertThat(kept).isEqualTo("blocker,a,b");
        } finally {
            threads.shutdownNow();
        }
    }

    /**
     * A group's first pass runs its units without savepoints; a unit that fails after a statement
     * that succeeded must still take nothing of its own into the commit, and leave the others'.
     */
    @Test
    void aUnitThatFailsAfterItsOwnWritesLeavesNothingAndTheOthersCommit() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(5);
        try (Database db = Database.open(dir.resolve("partial.db"))) {
            Workloads.createTables(db);
            List<Future<Integer>> group = OneGroup.of(
                    db,
                    threads,
                    1,
                    List.of(
                            h -> h.execute("INSERT INTO counters (seq, writer) VALUES (2, 'before')"),
                            h -> {
                                h.execute("INSERT INTO counters (seq, writer) VALUES (3, 'thrower')");
                                h.execute("INSERT INTO counters (seq, writer) VALUES (4, 'thrower')");
                                throw new IllegalStateException("the unit's own failure, after two writes");
                            },
                            h -> {
                                h.execute("INSERT INTO counters (seq, writer) VALUES (5, 'half')");
                                return h.execute("INSERT INTO counters (seq, writer) VALUES (2, 'duplicate')");
                            },
                            h -> h.execute("INSERT INTO counters (seq, writer) VALUES (6, 'after')")));
            Future<Integer> before = group.get(0);
            Future<Integer> thrower = group.get(1);
            Future<Integer> secondStatementFails = group.get(2);
            Future<Integer> after = group.get(3);

            assertThat(before.get(10, TimeUnit.SECONDS)).isEqualTo(1);
            assertThat(after.get(10, TimeUnit.SECONDS)).isEqualTo(1);
            assertThatThrownBy(() -> thrower.get(10, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("after two writes");
            assertThatThrownBy(() -> secondStatementFails.get(10, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(ConflictException.class);
            String kept = db.read(
                    h -> h.createQuery("SELECT group_concat(writer) FROM (SELECT writer FROM counters ORDER BY seq)")
                            .mapTo(String.class)
                            .one());
            assertThat(kept).isEqualTo("blocker,before,after");
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void aCallerReturnsOnlyAfterTheCommitThatHoldsItsWork() throws Exception {
        try (Database db = Database.open(dir.resolve("visible.db"))) {
            Workloads.createTables(db);
            for (int seq = 1; seq <= 50; seq++) {
                long value = seq;
                db.writeInGroup(h -> h.execute("INSERT INTO counters (seq, writer) VALUES (?, 'w')", value));
                // A separate read-only connection sees it at once: it was committed before the return.
                assertThat(Workloads.count(db, "counters")).isEqualTo(seq);
            }
        }
    }

    @Test
    void manyThreadsOfSmallUnitsLoseNothing() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try (Database db = Database.open(dir.resolve("many.db"))) {
            Workloads.createTables(db);
            List<Future<?>> work = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                String writer = "t" + t;
                work.add(threads.submit(() -> {
                    for (int i = 0; i < 500; i++) {
                        int n = i;
                        db.writeInGroup(
                                h -> h.execute("INSERT INTO items (writer, tx, body) VALUES (?, ?, 'x')", writer, n));
                    }
                    return null;
                }));
            }
            for (Future<?> future : work) {
                future.get(2, TimeUnit.MINUTES);
            }
            assertThat(Workloads.count(db, "items")).isEqualTo(4_000);
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void aLoneCallerRunsItsUnitOnItsOwnThread() throws Exception {
        try (Database db = Database.open(dir.resolve("lone.db"))) {
            Workloads.createTables(db);
            Thread ranOn = db.writeInGroup(h -> Thread.currentThread());
            assertThat(ranOn).isSameAs(Thread.currentThread());
        }
    }

    @Test
    void aCallerInterruptedWhileItsUnitWaitsStillGetsTheUnitsRealOutcome() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try (Database db = Database.open(dir.resolve("interrupted.db"))) {
            Workloads.createTables(db);
            CountDownLatch holding = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            Future<?> leader = threads.submit(() -> db.writeInGroup(h -> {
                holding.countDown();
                release.await(10, TimeUnit.SECONDS);
                return h.execute("INSERT INTO counters (seq, writer) VALUES (1, 'leader')");
            }));
            assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();
            AtomicReference<Object> outcome = new AtomicReference<>();
            AtomicBoolean stillInterrupted = new AtomicBoolean();
            Thread follower = new Thread(() -> {
                try {
                    outcome.set(db.writeInGroup(
                            h -> h.execute("INSERT INTO counters (seq, writer) VALUES (2, 'follower')")));
                } catch (RuntimeException e) {
                    outcome.set(e);
                }
                stillInterrupted.set(Thread.currentThread().isInterrupted());
            });
            follower.start();
            Thread.sleep(200); // the follower is queued behind the leader
            follower.interrupt();
            release.countDown();
            leader.get(10, TimeUnit.SECONDS);
            follower.join(TimeUnit.SECONDS.toMillis(10));

            // Its unit was committed, so the caller hears that, not "interrupted"; the flag stays set.
            assertThat(outcome.get()).isEqualTo(1);
            assertThat(stillInterrupted).isTrue();
            assertThat(Workloads.count(db, "counters")).isEqualTo(2);
        } finally {
            threads.shutdownNow();
        }
    }
}
