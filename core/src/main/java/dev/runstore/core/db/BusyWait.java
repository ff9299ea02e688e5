package dev.runstore.core.db;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import org.sqlite.BusyHandler;

/**
 * How a SQLite connection waits for a lock held by another process: tries again every 50 µs,
 * backing off to at most 1 ms, until the busy timeout has passed, then gives up with SQLITE_BUSY
 * exactly as {@code busy_timeout} would.
 *
 * <p>SQLite's built-in handler (what {@code busy_timeout} installs) sleeps 1, 2, 5, 10, 15, 20, 25,
 * 25, 25, 50, 50 and then 100 ms between tries, so a lock released 1 ms into a 100 ms sleep stays
 * unused for 99 ms while the waiter sleeps on: with writers in several processes that sleep, not
 * the work, set the p99 commit latency (docs/performance.md). Threads of one process never get
 * here: they queue on the writer's fair lock first.
 *
 * <p>One instance per connection; a connection is used by one thread at a time.
 */
final class BusyWait extends BusyHandler {
    private static final long FIRST_PAUSE_NANOS = 50_000;
    private static final long LONGEST_PAUSE_NANOS = 1_000_000;

    private final long timeoutNanos;
    private long waitingSince;

    BusyWait(Duration timeout) {
        this.timeoutNanos = timeout.toNanos();
    }

    /**
     * @param previousCalls how often SQLite has called this for the current lock attempt
     * @return 0 to give up (the statement fails with SQLITE_BUSY), anything else to try again
     */
    @Override
    protected int callback(int previousCalls) {
        long now = System.nanoTime();
        if (previousCalls == 0) {
            waitingSince = now;
        }
        long waited = now - waitingSince;
        if (waited >= timeoutNanos) {
            return 0;
        }
        long pause = Math.min(LONGEST_PAUSE_NANOS, FIRST_PAUSE_NANOS << Math.min(previousCalls, 5));
        LockSupport.parkNanos(Math.min(pause, timeoutNanos - waited));
        return 1;
    }
}
