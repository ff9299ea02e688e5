package dev.runstore.core.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runstore.core.error.BusyException;
import dev.runstore.core.error.DbException;
import java.nio.file.Path;
import java.time.Duration;
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

/** Group commit when callers are interrupted, units block, and a unit's undo fails. */
class GroupCommitUnderAttackTest {
    @TempDir
    Path dir;

    private Database open(String name, Duration busyTimeout) {
        Database db = Database.open(DatabaseConfig.builder(dir.resolve(name))
                .busyTimeout(busyTimeout)
                .build());
        Workloads.createTables(db);
        return db;
    }

    private static Future<Integer> insert(ExecutorService threads, Database db, int seq) {
        return threads.submit(
                () -> db.writeInGroup(h -> h.execute("INSERT INTO counters (seq, writer) VALUES (?, 'w')", seq)));
    }

    /**
     * A leader waiting for the writer lock on behalf of its group is interrupted: only its own
     * caller was, so every unit of the group still commits (the leader keeps its flag).
     */
    @Test
    void anInterruptedLeaderFailsNoUnitOfItsGroup() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try (Database db = open("leader.db", Duration.ofSeconds(10))) {
            CountDownLatch firstHolds = new CountDownLatch(1);
            CountDownLatch releaseFirst = new CountDownLatch(1);
            CountDownLatch plainHolds = new CountDownLatch(1);
            CountDownLatch releasePlain = new CountDownLatch(1);
            // 1. A group unit that holds the leader and the writer lock.
            Future<?> first = threads.submit(() -> db.writeInGroup(h -> {
                firstHolds.countDown();
                releaseFirst.await(10, TimeUnit.SECONDS);
                return h.execute("INSERT INTO counters (seq, writer) VALUES (1, 'first')");
            }));
            assertThat(firstHolds.await(10, TimeUnit.SECONDS)).isTrue();
            // 2. A plain write queues for the writer lock (fair: it is next).
            Future<Integer> plain = threads.submit(() -> db.write(h -> {
                plainHolds.countDown();
                releasePlain.await(10, TimeUnit.SECONDS);
                return h.execute("INSERT INTO counters (seq, writer) VALUES (2, 'plain')");
            }));
            Thread.sleep(200);
            // 3. Three units queue behind the leader; the oldest will lead them.
            AtomicReference<Object> leaderOutcome = new AtomicReference<>();
            AtomicBoolean leaderStillInterrupted = new AtomicBoolean();
            Thread leader = new Thread(() -> {
                try {
                    leaderOutcome.set(
                            db.writeInGroup(h -> h.execute("INSERT INTO counters (seq, writer) VALUES (3, 'leader')")));
                } catch (RuntimeException e) {
                    leaderOutcome.set(e);
                }
                leaderStillInterrupted.set(Thread.currentThread().isInterrupted());
            });
            leader.start();
            Thread.sleep(100);
            List<Future<Integer>> others = List.of(insert(threads, db, 4), insert(threads, db, 5));
            Thread.sleep(200);
            releaseFirst.countDown(); // the plain write gets the lock; the new leader waits for it
            assertThat(plainHolds.await(10, TimeUnit.SECONDS)).isTrue();
            Thread.sleep(200);
            leader.interrupt();
            Thread.sleep(100);
            releasePlain.countDown();
            first.get(10, TimeUnit.SECONDS);
            plain.get(10, TimeUnit.SECONDS);
            leader.join(10_000);

            for (Future<Integer> other : others) {
                assertThat(other.get(10, TimeUnit.SECONDS)).isEqualTo(1);
            }
            assertThat(leaderOutcome.get()).isEqualTo(1);
            assertThat(leaderStillInterrupted).isTrue();
            assertThat(Workloads.count(db, "counters")).isEqualTo(5);
        } finally {
            threads.shutdownNow();
        }
    }

    /** A unit that blocks holds up its own group only: a unit queued behind it times out as a write would. */
    @Test
    void aQueuedUnitTimesOutBehindABlockingUnitInsteadOfHangingForever() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try (Database db = open("blocked.db", Duration.ofMillis(300))) {
            CountDownLatch holding = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            Future<?> blocker = threads.submit(() -> db.writeInGroup(h -> {
                holding.countDown();
                release.await(20, TimeUnit.SECONDS);
                return h.execute("INSERT INTO counters (seq, writer) VALUES (1, 'blocker')");
            }));
            assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();

            long started = System.nanoTime();
            Future<Integer> queued = insert(threads, db, 2);
            assertThatThrownBy(() -> queued.get(10, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(BusyException.class)
                    .hasMessageContaining("waited more than 300 ms");
            long waitedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            release.countDown();
            blocker.get(10, TimeUnit.SECONDS);

            assertThat(waitedMs)
                    .as("failed after the busy timeout, not forever")
                    .isLessThan(10_000);
            assertThat(Workloads.count(db, "counters")).isEqualTo(1);
            int after = db.writeInGroup(h -> h.execute("INSERT INTO counters (seq, writer) VALUES (3, 'after')"));
            assertThat(after).isEqualTo(1);
        } finally {
            threads.shutdownNow();
        }
    }

    /**
     * A unit of a group that wrote, released its own savepoint (so ROLLBACK TO fails) and then
     * failed: its writes cannot be undone alone, so nothing of the transaction may commit. (A
     * group's first pass has no savepoints; the unit's failure there sends the group to the
     * second pass, where each unit has one, and this unit releases it.)
     */
    @Test
    void aUnitWhoseUndoFailsAbortsTheGroupInsteadOfCommittingItsPartialWrites() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(3);
        try (Database db = open("undo.db", Duration.ofSeconds(5))) {
            List<Future<Integer>> group = OneGroup.of(
                    db,
                    threads,
                    9,
                    List.of(
                            h -> {
                                h.execute("INSERT INTO counters (seq, writer) VALUES (1, 'half')");
                                h.execute("RELEASE SAVEPOINT runstore_nested_1");
                                throw new IllegalStateException("the unit fails after its writes");
                            },
                            h -> h.execute("INSERT INTO counters (seq, writer) VALUES (2, 'other')")));
            Future<Integer> releaser = group.get(0);
            Future<Integer> other = group.get(1);
            for (Future<Integer> unit : List.of(releaser, other)) {
                assertThatThrownBy(() -> unit.get(10, TimeUnit.SECONDS))
                        .hasCauseInstanceOf(DbException.class)
                        .hasMessageContaining("savepoint could not be rolled back");
            }
            assertThat(Workloads.count(db, "counters")).isEqualTo(1); // the blocker's own commit

            assertThatThrownBy(() -> db.useWrite(h -> {
                        try {
                            db.useWrite(
                                    nested -> { // a write inside a write: a savepoint
                                        nested.execute("INSERT INTO counters (seq, writer) VALUES (2, 'half')");
                                        nested.execute("RELEASE SAVEPOINT runstore_nested_1");
                                        throw new IllegalStateException("nested unit fails");
                                    });
                        } catch (IllegalStateException swallowed) {
                            // a caller that catches the nested failure and carries on
                        }
                    }))
                    .hasMessageContaining("savepoint could not be rolled back");
            assertThat(Workloads.count(db, "counters")).isEqualTo(1);
            db.useWrite(h -> h.execute("INSERT INTO counters (seq, writer) VALUES (3, 'fine')"));
            assertThat(Workloads.count(db, "counters")).isEqualTo(2);
        } finally {
            threads.shutdownNow();
        }
    }

    /**
     * A unit that swallows a statement's failure which rolled back the whole transaction (ON
     * CONFLICT ROLLBACK here; a full disk does the same) must not let the units after it commit
     * statement by statement while their callers hear that they failed. The group's first pass
     * has no savepoints, so a swallowed failure sends it to the savepoint pass, which finds the
     * transaction gone and fails the group.
     */
    @Test
    void aSwallowedFailureThatEndedTheTransactionCommitsNothingOfTheOtherUnits() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try (Database db = open("swallowed-abort.db", Duration.ofSeconds(5))) {
            db.useWrite(h -> h.execute("INSERT INTO counters (seq, writer) VALUES (1, 'existing')"));
            List<Future<Integer>> group = OneGroup.of(
                    db,
                    threads,
                    9,
                    List.of(
                            h -> {
                                try {
                                    h.execute("INSERT OR ROLLBACK INTO counters (seq, writer) VALUES (1, 'clash')");
                                } catch (RuntimeException swallowed) {
                                    // carries on as if only that statement had failed
                                }
                                return 1;
                            },
                            h -> h.execute("INSERT INTO counters (seq, writer) VALUES (12, 'second')"),
                            h -> h.execute("INSERT INTO counters (seq, writer) VALUES (13, 'third')")));
            List<String> outcomes = OneGroup.outcomes(group);
            List<String> stored = db.read(h -> h.createQuery("SELECT writer FROM counters ORDER BY seq")
                    .mapTo(String.class)
                    .list());
            // Whatever each caller heard must be true of the file: a unit told "failed" left nothing.
            for (int i = 1; i < 3; i++) {
                String writer = i == 1 ? "second" : "third";
                assertThat(stored.contains(writer))
                        .as("%s was told %s; stored: %s", writer, outcomes.get(i), stored)
                        .isEqualTo(outcomes.get(i).equals("ok"));
            }
            db.useWrite(h -> h.execute("INSERT INTO counters (seq, writer) VALUES (20, 'after')"));
            assertThat(Workloads.count(db, "counters")).isEqualTo(stored.size() + 1);
        } finally {
            threads.shutdownNow();
        }
    }

    /**
     * A unit that catches a nested write's failure whose undo failed, and returns normally: the
     * group must still be rolled back, and the writer connection must not be left in a transaction.
     */
    @Test
    void aSwallowedFailedUndoStillAbortsTheGroupAndLeavesNoOpenTransaction() throws Exception {
        try (Database db = open("swallowed.db", Duration.ofSeconds(5))) {
            assertThatThrownBy(() -> db.writeInGroup(h -> {
                        h.execute("INSERT INTO counters (seq, writer) VALUES (1, 'outer')");
                        try {
                            db.useWrite(nested -> {
                                nested.execute("INSERT INTO counters (seq, writer) VALUES (2, 'half')");
                                // a lone unit runs without a savepoint of its own: the nested one is the first
                                nested.execute("RELEASE SAVEPOINT runstore_nested_1");
                                throw new IllegalStateException("nested unit fails");
                            });
                        } catch (IllegalStateException swallowed) {
                            // the unit carries on as if the nested write had been undone
                        }
                        return 1;
                    }))
                    .hasMessageContaining("savepoint could not be rolled back");

            assertThat(Workloads.count(db, "counters")).isZero();
            int after = db.writeInGroup(h -> h.execute("INSERT INTO counters (seq, writer) VALUES (3, 'after')"));
            db.useWrite(h -> h.execute("INSERT INTO counters (seq, writer) VALUES (4, 'plain')"));
            assertThat(after).isEqualTo(1);
            assertThat(Workloads.count(db, "counters")).isEqualTo(2);
        }
    }
}
