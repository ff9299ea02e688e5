package dev.runstore.core.store;

import dev.runstore.core.error.IncompatibleDatabaseException;
import dev.runstore.core.json.CanonicalJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Payloads too large to inline, in a content-addressed folder beside the database: {@code <db
 * file>.blobs/sha256/<2 hex>/<rest of hex>}. A payload_uri is that path relative to the database's
 * folder, so a database moved together with its blobs folder still resolves.
 *
 * <p>Blobs are written before the write transaction (slow I/O never holds the write lock) and
 * atomically (temp file, fsync, rename), so a crash leaves either no blob or a whole one; a blob
 * whose transaction then failed is harmless, and the same content is stored once.
 */
final class BlobFiles {
    private static final org.slf4j.Logger LOGGER = org.slf4j.LoggerFactory.getLogger(BlobFiles.class);

    private final Path databaseFolder;
    private final Path root;

    /** @param root the blob folder; payload_uris are relative to its parent */
    BlobFiles(Path root) {
        this.root = root.toAbsolutePath();
        this.databaseFolder = this.root.getParent();
    }

    /**
     * Stores {@code bytes} (whose SHA-256 is {@code sha256}) and returns its payload_uri. An
     * existing blob at that path is kept only if it really holds those bytes: a damaged or
     * truncated one (a crash of another tool, a bad copy) is replaced, never trusted by its name.
     */
    String put(byte[] bytes, String sha256) {
        Path target = root.resolve("sha256").resolve(sha256.substring(0, 2)).resolve(sha256.substring(2));
        try {
            if (!holds(target, sha256)) {
                Path folder = target.getParent();
                Files.createDirectories(folder);
                Path temp = Files.createTempFile(folder, sha256.substring(2, 10), ".tmp");
                try {
                    try (FileChannel out = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                        ByteBuffer buffer = ByteBuffer.wrap(bytes);
                        while (buffer.hasRemaining()) {
                            out.write(buffer);
                        }
                        out.force(true);
                    }
                    // Same content from any writer, so replacing a concurrent copy is harmless.
                    Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } finally {
                    Files.deleteIfExists(temp);
                }
                // The rename is durable only once the folder is synced: without it, a power loss
                // could keep the event row (committed after this) but lose the blob's name.
                syncFolder(folder);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot write payload blob " + target + "; check free space and permissions", e);
        }
        return databaseFolder.relativize(target).toString().replace('\\', '/');
    }

    private static boolean holds(Path file, String sha256) throws IOException {
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        try {
            return CanonicalJson.sha256HexOf(Files.readAllBytes(file)).equals(sha256);
        } catch (NoSuchFileException gone) {
            return false;
        }
    }

    private static void syncFolder(Path folder) {
        try (FileChannel directory = FileChannel.open(folder, StandardOpenOption.READ)) {
            directory.force(true);
        } catch (IOException e) {
            // Some file systems (and Windows) cannot open a folder for syncing; the file itself is synced.
            LOGGER.debug("cannot sync folder {}", folder, e);
        }
    }

    /**
     * The blob's bytes, or null when the file is missing.
     *
     * @throws IncompatibleDatabaseException when the uri points outside the blob folder
     */
    byte[] read(String uri) {
        Path file = file(uri);
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read payload blob " + file, e);
        }
    }

    /** Where {@code uri} is on disk, for messages. */
    Path file(String uri) {
        Path file = databaseFolder.resolve(uri).normalize();
        if (!file.startsWith(root)) {
            throw new IncompatibleDatabaseException(
                    "payload_uri \"" + uri + "\" points outside " + root + "; the database row is not runstore's");
        }
        return file;
    }
}
