package dev.runstore.core.admin;

import dev.runstore.core.db.Database;
import dev.runstore.core.db.Dialect;
import dev.runstore.core.error.ConflictException;
import dev.runstore.core.error.DbException;
import dev.runstore.core.error.ErrorCode;
import dev.runstore.core.error.NotFoundException;
import dev.runstore.core.error.OperationRefusedException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.stream.Stream;

/**
 * A consistent copy of a live database. {@code VACUUM INTO} copies one read snapshot in a single
 * read transaction, so writers in other processes keep writing and the copy is still consistent
 * (the online backup API, by contrast, restarts whenever another connection writes). The payload
 * blobs beside the database are copied to {@code <backup>.blobs}; they are immutable and
 * content-addressed, so copying them after the snapshot loses nothing the snapshot refers to.
 */
public final class Backup {
    private Backup() {}

    /**
     * Writes a backup of {@code db} to {@code target}, which must not exist.
     *
     * @throws ConflictException when {@code target} exists
     * @throws NotFoundException when its folder does not exist
     */
    public static BackupResult to(Database db, Path target) {
        if (db.dialect() != Dialect.SQLITE) {
            throw new DbException(
                    ErrorCode.INVALID_CONFIG,
                    "runstore backs up SQLite files only; back up PostgreSQL with pg_dump, e.g. pg_dump --format=custom"
                            + " --file=runstore.dump <database>");
        }
        Path file = target.toAbsolutePath().normalize();
        if (Files.exists(file)) {
            throw new ConflictException(
                    "",
                    List.of(),
                    List.of(),
                    "backup target \"" + file + "\" already exists; choose a new file name (a backup never overwrites)",
                    null);
        }
        Path folder = file.getParent();
        if (folder == null || !Files.isDirectory(folder)) {
            throw new NotFoundException(
                    "folder", String.valueOf(folder), "folder \"" + folder + "\" does not exist; create it first");
        }
        requireInsideDatabaseFolder(db, file);
        db.maintenance(connections -> {
            try (Connection connection = connections.getConnection();
                    PreparedStatement vacuum = connection.prepareStatement("VACUUM INTO ?")) {
                vacuum.setString(1, file.toString());
                vacuum.execute();
            }
            return null;
        });
        int blobs = copyBlobs(db.blobFolder(), file.resolveSibling(file.getFileName() + ".blobs"));
        try {
            return new BackupResult(file, Files.size(file), blobs);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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

    private static int copyBlobs(Path from, Path to) {
        if (!Files.isDirectory(from)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(from)) {
            List<Path> blobs = files.filter(Files::isRegularFile)
                    .filter(p -> !p.getFileName().toString().endsWith(".tmp"))
                    .toList();
            for (Path blob : blobs) {
                Path copy = to.resolve(from.relativize(blob).toString());
                Files.createDirectories(copy.getParent());
                Files.copy(blob, copy);
            }
            return blobs.size();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy payload blobs from " + from + " to " + to, e);
        }
    }
}
