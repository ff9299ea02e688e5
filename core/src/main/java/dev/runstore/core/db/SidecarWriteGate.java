package dev.runstore.core.db;

import dev.runstore.core.error.BusyException;
import dev.runstore.core.error.DbException;
import dev.runstore.core.error.ErrorCode;
import dev.runstore.core.error.OperationRefusedException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
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
    private static final Map<Path, Shared> OPEN = new HashMap<>(); // guarded by OPEN

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
    private boolean closed;

    private SidecarWriteGate(Shared shared, String database) {
        this.shared = shared;
        this.database = database;
    }

    static Path pathFor(Path database) {
        return database.resolveSibling(database.getFileName() + ".write-lock");
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
                    lock.release();
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
            if (--shared.users == 0) {
                OPEN.remove(shared.file);
                shared.turns.lock(); // no turn in flight (the writer closes last, but be sure)
                try {
                    shared.drop();
                } finally {
                    shared.turns.unlock();
                }
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
        private FileChannel channel; // guarded by turns

        Shared(Path file) {
            this.file = file;
        }

        /** Holding {@link #turns}: the kernel lock, at once when free, else waited for up to the deadline. */
        FileLock lock(long deadline, boolean waitThroughInterrupts, Duration timeout, SidecarWriteGate gate) {
            FileChannel open = channel();
            try {
                FileLock lock = open.tryLock();
                if (lock != null) {
                    return lock;
                }
            } catch (IOException e) {
                drop();
                throw new UncheckedIOException("cannot lock " + file + ": " + e.getMessage(), e);
            }
            Future<FileLock> waiting = WAITERS.submit(() -> open.lock());
            boolean interrupted = false;
            try {
                while (true) {
                    try {
                        return waiting.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                    } catch (InterruptedException e) {
                        if (!waitThroughInterrupts) {
                            giveUp(waiting);
                            Thread.currentThread().interrupt();
                            throw gate.interruptedWaiting(e);
                        }
                        interrupted = true;
                    } catch (TimeoutException e) {
                        FileLock late = giveUp(waiting);
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
        private FileLock giveUp(Future<FileLock> waiting) {
            if (waiting.cancel(true)) {
                channel = null;
                return null;
            }
            try {
                return waiting.get();
            } catch (InterruptedException | ExecutionException | CancellationException e) {
                channel = null;
                return null;
            }
        }

        private FileChannel channel() {
            if (channel == null || !channel.isOpen()) {
                try {
                    // NOFOLLOW: a link planted at the sidecar's name must not redirect the lock.
                    channel = FileChannel.open(
                            file,
                            StandardOpenOption.CREATE,
                            StandardOpenOption.READ,
                            StandardOpenOption.WRITE,
                            LinkOption.NOFOLLOW_LINKS);
                } catch (IOException e) {
                    if (Files.isSymbolicLink(file) || Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS)) {
                        throw new OperationRefusedException("the write lock file \"" + file + "\" is "
                                + (Files.isSymbolicLink(file) ? "a symbolic link" : "a folder")
                                + "; runstore locks only its own plain file there: remove it; nothing was written");
                    }
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
