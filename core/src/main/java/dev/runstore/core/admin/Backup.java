package dev.runstore.core.admin;

import dev.runstore.core.db.Database;
import dev.runstore.core.error.ConflictException;
import dev.runstore.core.error.DbException;
import dev.runstore.core.error.ErrorCode;
import dev.runstore.core.error.NotFoundException;
import dev.runstore.core.error.OperationRefusedException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A consistent copy of a live database. {@code VACUUM INTO} copies one read snapshot in a single
 * read transaction, so writers in other processes keep writing and the copy is still consistent
 * (the online backup API, by contrast, restarts whenever another connection writes). The payload
 * blobs beside the database are copied to {@code <backup>.blobs}; they are immutable and
 * content-addressed, and a blob is in place before the transaction that refers to it commits, so
 * copying them after the snapshot loses nothing the snapshot refers to. A backup that fails part
 * way leaves nothing behind: neither the file nor its {@code .blobs} folder.
 */
public final class Backup {
    private Backup() {}

    /**
     * Writes a backup of {@code db} to {@code target}, which must not exist (nor its {@code .blobs}
     * folder).
     *
     * @throws ConflictException when {@code target} or its {@code .blobs} folder exists
     * @throws NotFoundException when its folder does not exist
     */
    public static BackupResult to(Database db, Path target) {
        Path file = checkTarget(db, target);
        int blobs = db.maintenance(connections -> {
            try (Connection reader = connections.getConnection()) {
                return write(reader, db, file);
            }
        });
        return result(file, blobs);
    }

    /**
     * Checks {@code target} as {@link #to} does and returns it absolute: a new plain file inside the
     * database's folder, whose {@code .blobs} folder does not exist either.
     */
    static Path checkTarget(Database db, Path target) {
        if (!db.engine().canBackUp()) {
            throw new DbException(
                    ErrorCode.INVALID_CONFIG,
                    "runstore backs up SQLite files only; back up PostgreSQL with pg_dump, e.g. pg_dump --format=custom"
                            + " --file=runstore.dump <database>");
        }
        Path file = target.toAbsolutePath().normalize();
        Path folder = file.getParent();
        if (folder == null || !Files.isDirectory(folder)) {
            throw new NotFoundException(
                    "folder", String.valueOf(folder), "folder \"" + folder + "\" does not exist; create it first");
        }
        for (Path path : List.of(file, blobsOf(file))) {
            if (Files.isSymbolicLink(path)) {
                throw new OperationRefusedException(
                        "backup target \"" + path + "\" is a symbolic link; give the path of a new, plain file");
            }
            if (Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
                throw new ConflictException(
                        "",
                        List.of(),
                        List.of(),
                        "backup target \"" + path + "\" already exists; choose a new file name (a backup never"
                                + " overwrites)",
                        null);
            }
        }
        requireInsideDatabaseFolder(db, file);
        return file;
    }

    /**
     * Copies the snapshot {@code reader} sees into {@code file}, then the payload blobs; on any
     * failure removes what it wrote and rethrows. The caller decides what the snapshot is: a plain
     * read, or (for the reset) one taken while it holds the write lock on another connection.
     *
     * @return the number of blobs copied
     */
    static int write(Connection reader, Database db, Path file) throws SQLException {
        Path blobs = blobsOf(file);
        boolean blobsCreated = false;
        // The file is created here, atomically (VACUUM INTO accepts an empty file): of two
        // backups to one name, the second is refused, and its cleanup never touches the first's.
        claim(file);
        try {
            try (PreparedStatement vacuum = reader.prepareStatement("VACUUM INTO ?")) {
                vacuum.setString(1, file.toString());
                vacuum.execute();
            }
            int copied = 0;
            Path folder = db.payloadFolder()
                    .orElseThrow(
                            () -> new IllegalStateException("a database runstore backs up keeps its payload files"));
            if (Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
                claim(blobs, true);
                blobsCreated = true;
                copied = copyBlobs(folder, blobs);
            }
            // Durable before it is reported (and before a reset drops what it copied).
            sync(file);
            sync(file.getParent());
            if (blobsCreated) {
                syncTree(blobs);
            }
            return copied;
        } catch (SQLException | RuntimeException | Error e) {
            removeQuietly(file, e);
            if (blobsCreated) {
                removeQuietly(blobs, e);
            }
            throw e;
        }
    }

    private static void claim(Path file) {
        claim(file, false);
    }

    private static void claim(Path path, boolean folder) {
        try {
            if (folder) {
                Files.createDirectory(path);
            } else {
                Files.createFile(path);
            }
        } catch (FileAlreadyExistsException e) {
            throw new ConflictException(
                    "",
                    List.of(),
                    List.of(),
                    "backup target \"" + path + "\" already exists; choose a new file name (a backup never overwrites)",
                    e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the backup target " + path, e);
        }
    }

    private static void sync(Path path) {
        boolean folder = Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS);
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            if (!folder) { // some file systems cannot open a folder to sync it; files they can
                throw new UncheckedIOException("cannot sync the backup " + path + " to disk", e);
            }
        }
    }

    private static void syncTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            // Files before the folders that name them, deepest first.
            paths.sorted(Comparator.reverseOrder()).forEach(Backup::sync);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot sync the backup's blobs in " + root + " to disk", e);
        }
        sync(root.getParent());
    }

    static BackupResult result(Path file, int blobs) {
        try {
            return new BackupResult(file, Files.size(file), blobs);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path blobsOf(Path file) {
        return file.resolveSibling(file.getFileName() + ".blobs");
    }

    /**
     * Backups (and the reset's backup) stay in the database's own folder: a mistyped or hostile
     * path, or a symbolic link, must not make runstore write somewhere else.
     */
    static void requireInsideDatabaseFolder(Database db, Path target) {
        try {
            Path home = db.path().getParent().toRealPath();
            if (Files.isSymbolicLink(target)) {
                throw new OperationRefusedException(
                        "backup target \"" + target + "\" is a symbolic link; give the path of a new, plain file");
            }
            Path parent = target.getParent().toRealPath();
            if (!parent.startsWith(home)) {
                throw new OperationRefusedException(
                        "backup target \"" + target + "\" is outside the database's folder \"" + home
                                + "\"; write the backup inside it, then move it where you want it");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot resolve the backup target " + target, e);
        }
    }

    /**
     * Copies the finished blobs. Writers keep storing blobs meanwhile (a temp file, then a rename),
     * so an entry listed a moment ago may be gone: in-flight temp files are skipped, and vanished
     * entries are not errors. Links are not followed.
     */
    private static int copyBlobs(Path from, Path to) {
        if (!Files.isDirectory(from, LinkOption.NOFOLLOW_LINKS)) {
            return 0;
        }
        int[] copied = {0};
        try {
            Files.walkFileTree(from, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path blob, BasicFileAttributes attributes) throws IOException {
                    if (attributes.isRegularFile()
                            && !blob.getFileName().toString().endsWith(".tmp")) {
                        Path copy = to.resolve(from.relativize(blob).toString());
                        Files.createDirectories(copy.getParent());
                        Files.copy(blob, copy);
                        copied[0]++;
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException failure) throws IOException {
                    if (failure instanceof NoSuchFileException) {
                        return FileVisitResult.CONTINUE; // a temp file renamed since the folder was listed
                    }
                    throw failure;
                }
            });
            return copied[0];
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy payload blobs from " + from + " to " + to, e);
        }
    }

    private static void removeQuietly(Path path, Throwable primary) {
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> files = Files.walk(path)) {
            for (Path each : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(each);
            }
        } catch (IOException | UncheckedIOException e) {
            primary.addSuppressed(e);
        }
    }
}
