package dev.runstore.core.db;

import dev.runstore.core.error.BusyException;
import dev.runstore.core.error.DbException;
import dev.runstore.core.error.ErrorCode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.AccessDeniedException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The write turn of one SQLite file as an OS lock on a sidecar file, {@code <db>.write-lock}: a
 * process that finds it held blocks in the kernel, which wakes it the moment the holder lets go (no
 * polling gap), and releases it when the holder exits, even on SIGKILL. The file is only locked,
 * never written, and is left in place (removing a lock file races with the next locker).
 *
 * <p>POSIX locks belong to the process, and closing any descriptor of the file drops every lock the
 * process has on it. So a process has one channel per sidecar, shared by every {@link Database} on
 * that file and closed with the last of them, and its threads take turns on a fair in-process lock
 * before one of them asks the kernel: two instances on one file never lock twice, and the kernel
 * sees one waiter per process.
 */
final class SidecarWriteGate implements WriteGate {
    private static final Logger LOGGER = LoggerFactory.getLogger(SidecarWriteGate.class);
    private static final Map<Path, Shared> OPEN = new HashMap<>(); // guarded by OPEN
    private static final String SUFFIX = ".write-lock";

    /**
     * Waits for a contended kernel lock, so the caller's thread is never the one interrupted when
     * its wait times out (an interrupt closes the channel it waits on, and the caller's interrupt
     * flag is its own business).
     */
    private static final ExecutorService WAITERS = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "runstore-write-lock-waiter");
        thread.setDaemon(true);
        return thread;
    });

    private final Shared shared;
    private final String database;
    private volatile boolean closed;

    private SidecarWriteGate(Shared shared, String database) {
        this.shared = shared;
        this.database = database;
    }

    static Path pathFor(Path database) {
        return LockFiles.beside(database, SUFFIX);
    }

    /** The gate of {@code database} (its real path), shared with every other instance on it in this process. */
    static SidecarWriteGate of(Path database) {
        Path file;
        try {
            file = pathFor(database.toRealPath());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot resolve the database file " + database + ": " + e.getMessage(), e);
        }
        synchronized (OPEN) {
            Shared shared = OPEN.computeIfAbsent(file, Shared::new);
            shared.users++;
            return new SidecarWriteGate(shared, database.toString());
        }
    }

    @Override
    public Turn enter(Duration timeout, boolean waitThroughInterrupts) {
        if (closed) {
            throw new IllegalStateException("the write gate of \"" + database + "\" is closed");
        }
        if (shared.turns.isHeldByCurrentThread()) {
            // A write of one instance inside a write of another on the same file: the kernel lock
            // is this process's already, and SQLite's would wait for the outer transaction forever.
            throw new DbException(
                    ErrorCode.FAILED,
                    "a write to \"" + database + "\" was started inside a write of another Database on the same"
                            + " file; use one Database per file in a process, or write after the outer write returns");
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    if (!shared.turns.tryLock(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                        throw busy("another database instance of this process", timeout);
                    }
                    break;
                } catch (InterruptedException e) {
                    if (!waitThroughInterrupts) {
                        Thread.currentThread().interrupt();
                        throw interruptedWaiting(e);
                    }
                    interrupted = true;
                }
            }
            FileLock lock;
            try {
                lock = shared.lock(deadline, waitThroughInterrupts, timeout, this);
            } catch (RuntimeException e) {
                shared.turns.unlock();
                throw e;
            }
            return () -> {
                try {
                    if (shared.retired) {
                        shared.drop(); // the last instance closed while this turn was out
                    } else if (lock != null) {
                        lock.release();
                    }
                } catch (IOException e) {
                    shared.drop(); // closing the channel releases the lock as surely
                } finally {
                    shared.turns.unlock();
                }
            };
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void close() {
        synchronized (OPEN) {
            if (closed) {
                return;
            }
            closed = true;
            if (--shared.users > 0) {
                return;
            }
            OPEN.remove(shared.file);
            shared.retired = true;
        }
        // Outside the registry's monitor (a turn in flight must not stall every open in the JVM):
        // drop the channel now if no turn is out, else the turn drops it when it is given back.
        if (shared.turns.tryLock()) {
            try {
                shared.drop();
            } finally {
                shared.turns.unlock();
            }
        }
    }

    BusyException busy(String holder, Duration timeout) {
        return new BusyException(holder + " held the write lock of \"" + database + "\" for more than "
                + timeout.toMillis() + " ms; retry later, and keep write transactions short");
    }

    DbException interruptedWaiting(Throwable cause) {
        return new DbException(ErrorCode.FAILED, "interrupted while waiting to write to \"" + database + "\"", cause);
    }

    /** One sidecar file's channel and the in-process queue in front of it. */
    private static final class Shared {
        final Path file;
        final ReentrantLock turns = new ReentrantLock(true);
        int users; // guarded by OPEN
        volatile boolean retired; // out of the registry: the channel goes with the last turn
        private final Path database;
        private boolean unavailable; // guarded by turns
        private FileChannel channel; // guarded by turns

        Shared(Path file) {
            this.file = file;
            String name = file.getFileName().toString();
            this.database = file.resolveSibling(name.substring(0, name.length() - SUFFIX.length()));
        }

        /** How long a contended turn is asked for again before the kernel wait: a few short turns. */
        private static final long SPIN_NANOS = 500_000L;

        /** Holding {@link #turns}: the kernel lock, at once when free, else waited for up to the deadline. */
        FileLock lock(long deadline, boolean waitThroughInterrupts, Duration timeout, SidecarWriteGate gate) {
            FileChannel open = channel();
            if (open == null) {
                return null; // no sidecar this process may lock: SQLite's busy handling alone
            }
            try {
                // A turn of another process usually lasts a fraction of a millisecond: ask again a
                // few times, yielding the processor to it, before waiting in the kernel on another
                // thread (two thread switches more per turn, which on few cores cost more than
                // the turn itself).
                long spinUntil = Math.min(deadline, System.nanoTime() + SPIN_NANOS);
                do {
                    FileLock lock = open.tryLock();
                    if (lock != null) {
                        return lock;
                    }
                    Thread.yield();
                } while (System.nanoTime() < spinUntil);
            } catch (IOException e) {
                drop();
                throw new UncheckedIOException("cannot lock " + file + ": " + e.getMessage(), e);
            } catch (java.nio.channels.OverlappingFileLockException e) {
                // This JVM holds the lock through a channel nobody released: start afresh.
                drop();
                throw new IllegalStateException(
                        "the write lock of " + file + " was still held by this process; retry", e);
            }
            Future<FileLock> waiting = WAITERS.submit(() -> open.lock());
            boolean interrupted = false;
            try {
                while (true) {
                    try {
                        return waiting.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                    } catch (InterruptedException e) {
                        if (!waitThroughInterrupts) {
                            FileLock late = giveUp(waiting, open);
                            if (late != null) {
                                drop(); // granted as the interrupt came: give it back, not keep it
                            }
                            Thread.currentThread().interrupt();
                            throw gate.interruptedWaiting(e);
                        }
                        interrupted = true;
                    } catch (TimeoutException e) {
                        FileLock late = giveUp(waiting, open);
                        if (late != null) {
                            return late; // it came just as the wait ran out: take it
                        }
                        throw gate.busy("another process", timeout);
                    } catch (ExecutionException e) {
                        drop();
                        throw new UncheckedIOException(
                                "cannot lock " + file + ": " + e.getCause().getMessage(),
                                e.getCause() instanceof IOException io ? io : new IOException(e.getCause()));
                    }
                }
            } finally {
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        /**
         * Stops a kernel wait: interrupting the waiter closes the channel (which is how a blocked
         * {@code lock()} is undone), so the next turn opens a new one. Returns the lock if the wait
         * had already ended with it.
         */
        private FileLock giveUp(Future<FileLock> waiting, FileChannel open) {
            if (!waiting.cancel(true)) {
                try {
                    return waiting.get();
                } catch (InterruptedException | ExecutionException | CancellationException e) {
                    // no lock came of it: closed below
                }
            }
            // Closed here whatever the waiter did: a cancel that came before it started, or just
            // after lock() returned, interrupts nothing, and the lock must not outlive the wait.
            try {
                open.close();
            } catch (IOException ignored) {
                // closing releases the lock either way
            }
            if (channel == open) {
                channel = null;
            }
            return null;
        }

        /** The open sidecar, or null when this process may not lock it (another user's file). */
        private FileChannel channel() {
            if (unavailable) {
                return null;
            }
            if (channel == null || !channel.isOpen()) {
                try {
                    channel = LockFiles.open(file, database, "the write lock", "while no runstore process writes");
                } catch (AccessDeniedException e) {
                    // Another user's sidecar that this one may not write: writes still work, queued
                    // by SQLite's busy handler as before, so this is said once, not failed on.
                    unavailable = true;
                    LOGGER.warn(
                            "cannot open the write lock file {} for writing ({}); this process's writers wait in"
                                    + " SQLite's busy handler instead: give it the database file's permissions",
                            file,
                            e.getMessage());
                    return null;
                } catch (IOException e) {
                    throw new UncheckedIOException(
                            "cannot open the write lock file " + file + " beside the database: " + e.getMessage(), e);
                }
            }
            return channel;
        }

        void drop() {
            if (channel != null) {
                try {
                    channel.close();
                } catch (IOException ignored) {
                    // closing releases the lock either way
                }
                channel = null;
            }
        }
    }
}
