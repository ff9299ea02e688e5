package dev.runstore.core.migrate;

import dev.runstore.core.error.BusyException;
import dev.runstore.core.error.OperationRefusedException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
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
        return database.resolveSibling(database.getFileName() + ".migration-lock");
    }

    /** Waits up to {@code timeout} for the lock; fails naming the holder. */
    static MigrationLock acquire(Path database, Duration timeout) {
        Path file = pathFor(database);
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            requirePlainFile(file);
            // O_NOFOLLOW: a link planted after the check above still cannot redirect the write.
            FileChannel channel;
            try {
                channel = FileChannel.open(
                        file,
                        StandardOpenOption.CREATE,
                        StandardOpenOption.READ,
                        StandardOpenOption.WRITE,
                        LinkOption.NOFOLLOW_LINKS);
            } catch (FileSystemException e) {
                if (Files.isSymbolicLink(file)) {
                    throw notPlain(file, "a symbolic link");
                }
                throw e;
            }
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

    /**
     * The lock file is written (the holder's name), so it must be runstore's own plain file: not a
     * symbolic link (which would make runstore overwrite whatever it points to), not a hard link
     * to another file, not a folder or a device.
     */
    private static void requirePlainFile(Path file) throws IOException {
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        BasicFileAttributes attributes =
                Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (attributes.isSymbolicLink()) {
            throw notPlain(file, "a symbolic link");
        }
        if (!attributes.isRegularFile()) {
            throw notPlain(file, "not a regular file");
        }
        Object links = linkCount(file);
        if (links instanceof Integer count && count > 1) {
            throw notPlain(file, "a hard link shared with " + (count - 1) + " other name(s)");
        }
    }

    private static Object linkCount(Path file) {
        try {
            return Files.getAttribute(file, "unix:nlink", LinkOption.NOFOLLOW_LINKS);
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return null; // not a POSIX file system: no hard-link count to check
        }
    }

    private static OperationRefusedException notPlain(Path file, String what) {
        return new OperationRefusedException("the migration lock \"" + file + "\" is " + what
                + "; runstore writes that file, so it must be a plain file of its own: delete it (safe when no"
                + " migration is running) and run again; nothing was changed");
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
