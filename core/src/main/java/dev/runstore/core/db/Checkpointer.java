package dev.runstore.core.db;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.BusyHandler;

/**
 * Copies the write-ahead log into the database file on its own thread and connection, so that
 * commits do not pay for it.
 *
 * <p>By default SQLite checkpoints inside the COMMIT that takes the WAL past 1,000 pages: that
 * commit writes those pages into the database file and fsyncs it while every writer waits. On
 * this project's benchmark machine that was most of the cost of a commit on average and all of its
 * p99 (docs/performance.md). Here, after any commit, a PASSIVE checkpoint runs within {@link
 * #INTERVAL} on this thread; PASSIVE never waits for and never blocks the writer or readers. The
 * writer's own automatic checkpoint stays as a backstop at {@link #BACKSTOP_PAGES} (see
 * SqliteConnections): it still bounds the WAL if this thread falls behind or dies, and it is cheap
 * because most frames are copied already.
 *
 * <p>Copying is not enough to keep the WAL small: SQLite starts it over from its first frame only
 * when a checkpoint copied every frame and no reader still reads from it, and readers that always
 * overlap the next commit (a console refreshing, an API serving) never leave such a moment. The
 * WAL then grew to the backstop, about 40 MB, and stayed that size. So once it holds {@link
 * #RESTART_PAGES}, this thread takes the write turn (no
 * commit of this process or of another runstore process can start meanwhile) and runs a RESTART
 * checkpoint: it copies the rest, waits for the readers in flight to finish (readers that start
 * meanwhile read the database file, not the WAL) and starts the WAL over, so the file is reused
 * from its start. It waits {@link #RESTART_WAIT} at first; when the readers take longer it gives
 * up and tries again at the next check, {@link #INTERVAL} later, waiting twice as long, up to
 * {@link #LONGEST_RESTART_WAIT}; then ever further apart. A WAL file that grew past 1.25 times the bound
 * is cut back with TRUNCATE when it finally starts over. A reader that holds one read transaction open for
 * good (another program) stops it for as long; that is said once in the log. Continuous writing
 * needs this as much as readers do: a PASSIVE checkpoint that commits overtake never leaves the
 * WAL fully copied at the start of a write, so SQLite alone started it over only at the backstop.
 * (Not {@code journal_size_limit}: cutting the file at every restart cost a fifth of the write
 * throughput here.)
 */
final class Checkpointer {
    private static final Logger LOGGER = LoggerFactory.getLogger(Checkpointer.class);

    static final Duration INTERVAL = Duration.ofMillis(20);

    /** The writer's wal_autocheckpoint: ten times SQLite's default, about 40 MB of WAL. */
    static final int BACKSTOP_PAGES = 10_000;

    /**
     * The WAL's size at which the checkpointer starts it over, about 16 MB. At SQLite's 1,000
     * pages the restarts' pauses cost a tenth of the write throughput here; at 4,000 nothing
     * measurable.
     */
    static final int RESTART_PAGES = 4_000;

    /**
     * How long a RESTART first waits for the readers in flight, holding up the writers meanwhile;
     * each attempt that readers outlast waits twice as long, up to {@link #LONGEST_RESTART_WAIT}.
     */
    static final Duration RESTART_WAIT = Duration.ofMillis(25);

    static final Duration LONGEST_RESTART_WAIT = Duration.ofMillis(400);

    /** Runs work while no write transaction can be open; false when that was not possible within wait. */
    @FunctionalInterface
    interface BetweenWrites {
        boolean run(Duration wait, Runnable work);
    }

    private final String name;
    private final Connection connection;
    private final Path wal; // the -wal file, whose size on disk decides between RESTART and TRUNCATE
    private int lastPages;
    private final Thread thread;
    private volatile boolean committed;
    private volatile boolean stopping;
    private volatile BetweenWrites betweenWrites;
    private boolean warned;
    private boolean warnedHeld;
    private long restartAt = RESTART_PAGES; // WAL pages; raised after a restart that readers stopped
    private int outlasted; // attempts in a row that readers outlasted

    Checkpointer(String name, Connection connection, Path wal) {
        this.name = name;
        this.connection = connection;
        this.wal = wal;
        this.thread = new Thread(this::run, "runstore-checkpointer[" + name + "]");
        thread.setDaemon(true);
        thread.start();
    }

    /** Given by the writer once it is ready: how this thread takes the write turn to restart the WAL. */
    void betweenWrites(BetweenWrites turns) {
        this.betweenWrites = turns;
    }

    /** Called by the writer after each commit: a volatile write, nothing more. */
    void committed() {
        committed = true;
    }

    private void run() {
        while (!stopping) {
            LockSupport.parkNanos(this, INTERVAL.toNanos());
            if (committed && !stopping) {
                committed = false;
                checkpoint();
            }
        }
    }

    private void checkpoint() {
        try {
            // The next write after a PASSIVE that copied every frame starts the WAL over by itself
            // when no reader is in the way; commits that overtake the PASSIVE (steady writing) or
            // readers that overlap every commit keep that from happening, and then RESTART does.
            int pages = run("PASSIVE")[1];
            boolean startedOver = pages < lastPages;
            lastPages = pages;
            if (startedOver) {
                restartAt = RESTART_PAGES; // whatever held it back has let go
                outlasted = 0;
            }
            if (pages >= restartAt || (startedOver && oversized())) {
                restart(pages);
            }
        } catch (SQLException e) {
            // The writer's backstop checkpoint still bounds the WAL; say so once, not every 20 ms.
            if (!warned) {
                warned = true;
                LOGGER.warn("{} - background WAL checkpoint failed; the writer will checkpoint itself", name, e);
            }
        }
    }

    /** Columns busy (1 when readers or a writer stopped it), WAL pages, pages copied. */
    private int[] run(String mode) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("PRAGMA wal_checkpoint(" + mode + ")")) {
            result.next();
            return new int[] {result.getInt(1), result.getInt(2), result.getInt(3)};
        }
    }

    private void restart(int pages) throws SQLException {
        BetweenWrites turns = betweenWrites;
        int[] outcome = {1, 0, 0};
        SQLException[] failure = {null};
        // RESTART reuses the file from its start; once readers made it grow past the bound,
        // TRUNCATE also gives the disk space back.
        String mode = oversized() ? "TRUNCATE" : "RESTART";
        Duration wait = RESTART_WAIT.multipliedBy(1L << Math.min(outlasted, 4));
        if (wait.compareTo(LONGEST_RESTART_WAIT) > 0) {
            wait = LONGEST_RESTART_WAIT;
        }
        // The wait for the readers, noticing within a millisecond that they are gone (PASSIVE
        // never waits, so this handler serves the RESTART alone).
        BusyHandler.setHandler(connection, new BusyWait(wait));
        boolean ran = turns != null
                && turns.run(RESTART_WAIT, () -> {
                    try {
                        outcome[0] = run(mode)[0];
                    } catch (SQLException e) {
                        failure[0] = e;
                    }
                });
        if (failure[0] != null) {
            restartAt = pages + RESTART_PAGES; // not again every 20 ms, holding every writer up
            throw failure[0];
        }
        if (!ran) {
            return; // the write turn did not come within RESTART_WAIT: next time
        }
        if (outcome[0] == 0) {
            restartAt = RESTART_PAGES;
            outlasted = 0;
            lastPages = 0;
            return;
        }
        // Readers outlasted the wait. At the next check again, waiting longer, while the waits grow
        // (readers of a few hundred ms, such as counting large runs, end within them); after that,
        // ever further apart, so a reader that never ends costs the writers ever rarer pauses.
        outlasted++;
        restartAt = outlasted <= 4 ? pages : pages + ((long) RESTART_PAGES << Math.min(outlasted - 4, 10));
        if (!warnedHeld && pages >= BACKSTOP_PAGES) {
            warnedHeld = true;
            LOGGER.warn(
                    "{} - the WAL holds {} pages and cannot start over: a connection keeps a read transaction"
                            + " open (another process?); the WAL grows until that read ends",
                    name,
                    pages);
        }
    }

    private boolean oversized() {
        try {
            // RESTART leaves the file at its largest size: a restart that readers delayed would
            // otherwise keep its peak on disk for good.
            return Files.size(wal) > RESTART_PAGES * 4096L * 5 / 4;
        } catch (IOException e) {
            return false; // no WAL file (yet): nothing to cut
        }
    }

    /** Stops the thread (waiting up to {@code timeout} for a checkpoint in progress) and closes. */
    void close(Duration timeout) {
        stopping = true;
        LockSupport.unpark(thread);
        try {
            thread.join(Math.max(1, timeout.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            LOGGER.warn("{} - the checkpointer was still busy after {} ms", name, timeout.toMillis());
        }
        try {
            connection.close();
        } catch (SQLException e) {
            LOGGER.warn("{} - closing the checkpointer connection failed", name, e);
        }
    }
}
