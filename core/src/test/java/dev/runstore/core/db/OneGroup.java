package dev.runstore.core.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.HandleCallback;

/**
 * Makes the group-commit tests' units one group: a first unit holds the group's leader (and then
 * writes {@code (blockerSeq, 'blocker')} into counters) until the others have queued behind it,
 * so the next leader drains them together.
 */
final class OneGroup {
    private OneGroup() {}

    /** Returns each unit's future, in order, once the blocker has committed. */
    static List<Future<Integer>> of(
            Database db, ExecutorService threads, int blockerSeq, List<HandleCallback<Integer, Exception>> units)
            throws Exception {
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Future<?> blocker = threads.submit(() -> db.writeInGroup(h -> {
            holding.countDown();
            release.await(10, TimeUnit.SECONDS);
            return h.execute("INSERT INTO counters (seq, writer) VALUES (?, 'blocker')", blockerSeq);
        }));
        assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();
        List<Future<Integer>> futures = new ArrayList<>();
        for (HandleCallback<Integer, Exception> unit : units) {
            futures.add(threads.submit(() -> db.writeInGroup(unit)));
        }
        Thread.sleep(200); // let all of them reach the queue
        release.countDown();
        blocker.get(10, TimeUnit.SECONDS);
        return futures;
    }

    /** "ok" or "failed" for each unit, in order, once each has its answer (its group committed). */
    static List<String> outcomes(List<Future<Integer>> units) throws Exception {
        List<String> outcomes = new ArrayList<>();
        for (Future<Integer> unit : units) {
            try {
                unit.get(10, TimeUnit.SECONDS);
                outcomes.add("ok");
            } catch (ExecutionException e) {
                outcomes.add("failed");
            }
        }
        return outcomes;
    }
}
