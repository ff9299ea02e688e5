package dev.runstore.core.migrate;

import dev.runstore.core.db.LockFiles;
import dev.runstore.core.error.BusyException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * A cross-process lock held while migrating one SQLite file. Flyway does not lock on SQLite
 * ({@code SQLiteTable.doLock()} only logs "No concurrent migration supported"), so two services
 * starting at once could both apply the same migration. The lock is an OS file lock on {@code <db
 * file>.migration-lock}: the OS releases it when the holder exits, even on SIGKILL, so a leftover
 * file never blocks anyone. The file records who holds it, for the error message.
 */
final class MigrationLock implements AutoCloseable {
    private final FileChannel channel;
    private final FileLock lock;

    private MigrationLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    static Path pathFor(Path database) {
        return LockFiles.beside(database, ".migration-lock");
    }

    /**
     * Waits up to {@code timeout} for the lock; fails naming the holder. The lock file sits beside
     * the database's real path, so processes that name one file by different paths (a link, a
     * relative path) take the same lock.
     */
    static MigrationLock acquire(Path database, Duration timeout) {
        Path file = pathFor(realPath(database));
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            FileChannel channel = LockFiles.open(file, database, "the migration lock", "when no migration is running");
            try {
                while (true) {
                    FileLock lock = tryLock(channel);
                    if (lock != null) {
                        recordHolder(channel);
                        return new MigrationLock(channel, lock);
                    }
                    if (System.nanoTime() > deadline) {
                        throw new BusyException("another process is migrating \"" + database + "\" (" + holder(file)
                                + ") and did not finish within " + timeout.toMillis()
                                + " ms; wait for it to finish (the lock is released when that process exits)");
                    }
                    Thread.sleep(50);
                }
            } catch (InterruptedException e) {
                channel.close();
                Thread.currentThread().interrupt();
                throw new BusyException("interrupted while waiting for the migration lock of \"" + database + "\"", e);
            } catch (RuntimeException e) {
                channel.close();
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the migration lock file " + file, e);
        }
    }

    private static Path realPath(Path database) {
        try {
            return database.toRealPath();
        } catch (IOException e) {
            return database; // not there (yet): the path as given
        }
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            return null; // held by another Database of this JVM
        }
    }

    private static void recordHolder(FileChannel channel) throws IOException {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            host = "unknown host";
        }
        String holder = "pid " + ProcessHandle.current().pid() + " on " + host + " since " + Instant.now();
        channel.truncate(0);
        channel.write(ByteBuffer.wrap(holder.getBytes(StandardCharsets.UTF_8)), 0);
        channel.force(false);
    }

    private static String holder(Path file) {
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8).strip();
            return text.isEmpty() ? "holder unknown" : text;
        } catch (IOException e) {
            return "holder unknown";
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot release the migration lock", e);
        }
    }
}
