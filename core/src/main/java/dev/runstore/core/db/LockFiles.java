package dev.runstore.core.db;

import dev.runstore.core.error.OperationRefusedException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributeView;

/**
 * The files runstore locks beside a SQLite database ({@code <db>.write-lock}, {@code
 * <db>.migration-lock}), opened one way: only as runstore's own plain file, so that a link planted
 * at the name never redirects a lock or a write to another file, and created with the database
 * file's permissions, as SQLite creates its -wal and -shm files, so that every user who may write
 * the database may lock it. Public for the migrator's lock; not part of the API.
 */
public final class LockFiles {
    private LockFiles() {}

    /** {@code <database><suffix>}, in the database's folder. */
    public static Path beside(Path database, String suffix) {
        return database.resolveSibling(database.getFileName() + suffix);
    }

    /**
     * Opens {@code file} for reading and writing, creating it like {@code database} when absent.
     * Refuses a symbolic link, a hard link to another file, a folder or a device there with an
     * {@link OperationRefusedException} that names the file as {@code what} (say "the write lock")
     * and says when removing it is safe; an {@link java.nio.file.AccessDeniedException} means
     * another user's file this one may not write.
     */
    public static FileChannel open(Path file, Path database, String what, String removableWhen) throws IOException {
        requireOwnPlainFile(file, what, removableWhen);
        createLike(file, database);
        try {
            // NOFOLLOW: a link planted after the check above still cannot redirect the open.
            return FileChannel.open(
                    file,
                    StandardOpenOption.CREATE,
                    StandardOpenOption.READ,
                    StandardOpenOption.WRITE,
                    LinkOption.NOFOLLOW_LINKS);
        } catch (FileSystemException e) {
            if (Files.isSymbolicLink(file)) {
                throw refused(file, what, "a symbolic link", removableWhen);
            }
            if (Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS)) {
                throw refused(file, what, "not a regular file", removableWhen);
            }
            throw e;
        }
    }

    private static void requireOwnPlainFile(Path file, String what, String removableWhen) throws IOException {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException absent) {
            return; // created below
        }
        if (attributes.isSymbolicLink()) {
            throw refused(file, what, "a symbolic link", removableWhen);
        }
        if (!attributes.isRegularFile()) {
            throw refused(file, what, "not a regular file", removableWhen);
        }
        if (linkCount(file) instanceof Integer count && count > 1) {
            throw refused(file, what, "a hard link shared with " + (count - 1) + " other name(s)", removableWhen);
        }
    }

    private static Object linkCount(Path file) {
        try {
            return Files.getAttribute(file, "unix:nlink", LinkOption.NOFOLLOW_LINKS);
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return null; // not a POSIX file system: no hard-link count to check
        }
    }

    private static void createLike(Path file, Path database) throws IOException {
        if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try {
            Files.createFile(file);
        } catch (FileAlreadyExistsException raced) {
            return; // another process created it first, with the same permissions
        }
        // NOFOLLOW (an fchmod of the file itself): a link swapped in at the name since createFile
        // must not hand the database's permissions to whatever it points to.
        PosixFileAttributeView view =
                Files.getFileAttributeView(file, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
        if (view == null) {
            return; // not a POSIX file system (Windows): the default permissions stay
        }
        try {
            view.setPermissions(Files.getPosixFilePermissions(database));
        } catch (UnsupportedOperationException | IOException notPosix) {
            // Windows, or the database is another user's: the default permissions stay
        }
    }

    private static OperationRefusedException refused(Path file, String what, String is, String removableWhen) {
        return new OperationRefusedException(what + " \"" + file + "\" is " + is
                + "; runstore locks only a plain file of its own there: remove it (safe " + removableWhen
                + ") and run again; nothing was changed");
    }
}
