package dev.runstore.core.store;

import dev.runstore.core.db.Database;
import dev.runstore.core.error.IncompatibleDatabaseException;
import dev.runstore.core.error.Values;
import dev.runstore.core.json.CanonicalJson;
import dev.runstore.core.json.JsonText;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * Payloads over the inline limit. Where they are written depends on where the database is: beside a
 * SQLite file, in its {@code .blobs} folder; on PostgreSQL, in the {@code payload_blobs} table, so
 * every host, {@code pg_dump} and a restore see them. Either way a payload is written before the
 * transaction of its event, in a transaction of its own that touches one row or file: slow I/O never
 * holds the write lock, and two writers can never deadlock on payloads stored in opposite orders.
 * A payload whose event then fails to commit is unused and harmless (the next write of the same
 * content finds it). Reading goes by the payload_uri, so either kind reads on either engine, and
 * every read is checked against the event's SHA-256: a payload that is missing or changed is an
 * error naming the event, never a null.
 */
final class OutOfLinePayloads {
    /** The payload_uri of a payload in the payload_blobs table: {@code db:sha256/<hex>}. */
    static final String TABLE_URI_PREFIX = "db:sha256/";

    private static final int CHECK_PAGE = 200;

    private static final String COPY_BLOBS_HINT = " (copy the .blobs folder along with the database file)";

    private final Database db;
    private final BlobFiles files; // null: this database keeps its payloads in payload_blobs

    OutOfLinePayloads(Database db) {
        this.db = db;
        this.files = db.payloadFolder().map(BlobFiles::new).orElse(null);
    }

    /** Stores {@code canonical} (before its event's transaction) and returns its payload_uri. */
    String store(JsonText canonical) {
        if (files != null) {
            return files.put(canonical.bytes(), canonical.sha256Hex());
        }
        String sha = canonical.sha256Hex();
        db.useWrite(h -> {
            int inserted = h.createUpdate("INSERT INTO payload_blobs (sha256, size, content)"
                            + " VALUES (:sha, :size, :content) ON CONFLICT (sha256) DO NOTHING")
                    .bind("sha", sha)
                    .bind("size", (long) canonical.bytes().length)
                    .bind("content", canonical.json())
                    .execute();
            if (inserted == 0) {
                // Stored before: trusted only if it really holds these bytes (a row changed by hand
                // is repaired), as blob files are.
                h.createUpdate("UPDATE payload_blobs SET size = :size, content = :content WHERE sha256 = :sha"
                                + " AND content <> :content")
                        .bind("sha", sha)
                        .bind("size", (long) canonical.bytes().length)
                        .bind("content", canonical.json())
                        .execute();
            }
        });
        return TABLE_URI_PREFIX + sha;
    }

    /**
     * The out-of-line payload of {@code event}, checked against its SHA-256.
     *
     * @throws IncompatibleDatabaseException when it is missing or does not match its hash
     */
    JsonText read(Handle h, Event event) {
        Blob blob = fetch(h, event.payloadUri(), event.payloadSha256(), true);
        if (blob.problem() != null) {
            throw new IncompatibleDatabaseException(
                    "the payload of " + describe(event.seq(), event.runName()) + " " + blob.problem());
        }
        return JsonText.parse(new String(blob.bytes(), StandardCharsets.UTF_8));
    }

    /** One out-of-line payload as found: its bytes (when read), or why it cannot be used. */
    private record Blob(byte[] bytes, String problem) {}

    /**
     * Finds one payload; with {@code contents} reads it and checks its hash, without only checks
     * that it is there. Never throws for a bad row: the problem is returned, for check to count.
     */
    private Blob fetch(Handle h, String uri, String sha256, boolean contents) {
        if (uri.startsWith(TABLE_URI_PREFIX)) {
            if (!uri.substring(TABLE_URI_PREFIX.length()).equals(sha256)) {
                return new Blob(
                        null,
                        "(sha256 " + sha256 + ") has the payload_uri " + Values.quote(uri)
                                + ", which names another hash; the row was changed outside runstore: restore it"
                                + " from a backup");
            }
            return fromTable(h, sha256, "the payload_blobs table", contents);
        }
        if (files == null) {
            // Written by a runstore before schema version 3 into the working folder of the host
            // that ingested it; once the event is ingested again its payload is in the table.
            Blob stored = fromTable(h, sha256, "the payload_blobs table", contents);
            return stored.problem() == null
                    ? stored
                    : new Blob(
                            null,
                            "(sha256 " + sha256 + ") is a file outside the database (payload_uri " + Values.quote(uri)
                                    + "), written into the working folder of the host that ingested it by a runstore"
                                    + " older than schema version 3; ingest that event again from its source to store"
                                    + " the payload in the database");
        }
        java.nio.file.Path file;
        byte[] bytes;
        try {
            file = files.file(uri);
            if (!contents) {
                return Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)
                        ? new Blob(null, null)
                        : missing(sha256, file.toString(), COPY_BLOBS_HINT);
            }
            bytes = files.read(uri);
        } catch (IncompatibleDatabaseException | UncheckedIOException e) {
            return new Blob(null, "(sha256 " + sha256 + ") cannot be read: " + e.getMessage());
        }
        if (bytes == null) {
            return missing(sha256, file.toString(), COPY_BLOBS_HINT);
        }
        return verified(bytes, sha256, file.toString());
    }

    private static Blob fromTable(Handle h, String sha256, String where, boolean contents) {
        Optional<String> content = h.createQuery(
                        contents
                                ? "SELECT content FROM payload_blobs WHERE sha256 = :sha"
                                : "SELECT '' FROM payload_blobs WHERE sha256 = :sha")
                .bind("sha", sha256)
                .mapTo(String.class)
                .findOne();
        if (content.isEmpty()) {
            return missing(sha256, where, "");
        }
        return contents
                ? verified(content.get().getBytes(StandardCharsets.UTF_8), sha256, where)
                : new Blob(null, null);
    }

    private static Blob missing(String sha256, String where, String hint) {
        return new Blob(null, "(sha256 " + sha256 + ") is missing from " + where + "; restore it from a backup" + hint);
    }

    private static Blob verified(byte[] bytes, String sha256, String where) {
        String actual = CanonicalJson.sha256HexOf(bytes);
        if (!actual.equals(sha256)) {
            return new Blob(
                    null,
                    "is corrupt in " + where + ": its SHA-256 is " + actual + ", the event expects " + sha256
                            + "; restore it from a backup");
        }
        return new Blob(bytes, null);
    }

    private static String describe(long seq, String run) {
        return "event seq " + seq + " of run " + Values.quote(run);
    }

    /**
     * Checks every distinct out-of-line payload the events refer to, naming the events of the first
     * {@code maxNamed} that are missing or corrupt. With {@code contents} each is read once and
     * hashed; without, only its presence is checked (a file's directory entry, a row's key), which
     * costs no payload bytes. The payloads are walked in pages through {@code
     * events_out_of_line_idx}, so the time grows with the out-of-line events (and, with contents,
     * their bytes), not with the size of the events table; memory holds one page of hashes and one
     * payload at a time.
     */
    PayloadAudit verify(Handle h, int maxNamed, boolean contents) {
        long payloads = 0;
        long bytes = 0;
        long failed = 0;
        List<String> named = new ArrayList<>();
        String afterSha = "";
        String afterUri = "";
        while (true) {
            List<String[]> page = h.createQuery(ListingQueries.OUT_OF_LINE_PAYLOADS)
                    .bind("sha", afterSha)
                    .bind("uri", afterUri)
                    .bind("limit", CHECK_PAGE)
                    .map((rs, ctx) -> new String[] {rs.getString(1), rs.getString(2)})
                    .list();
            for (String[] row : page) {
                payloads++;
                Blob blob = fetch(h, row[1], row[0], contents);
                if (blob.problem() == null) {
                    bytes += blob.bytes() == null ? 0 : blob.bytes().length;
                    continue;
                }
                failed++;
                if (named.size() < maxNamed) {
                    named.add(firstEvent(h, row[0], row[1]) + " " + blob.problem());
                }
            }
            if (page.size() < CHECK_PAGE) {
                return new PayloadAudit(payloads, contents, bytes, failed, named);
            }
            afterSha = page.get(page.size() - 1)[0];
            afterUri = page.get(page.size() - 1)[1];
        }
    }

    private static String firstEvent(Handle h, String sha, String uri) {
        return h.createQuery("SELECT e.seq, r.name FROM events e JOIN runs r ON r.id = e.run_id"
                        + " WHERE e.payload_uri = :uri AND e.payload_sha256 = :sha ORDER BY e.run_id, e.seq LIMIT 1")
                .bind("sha", sha)
                .bind("uri", uri)
                .map((rs, ctx) -> "the payload of " + describe(rs.getLong(1), rs.getString(2)))
                .findOne()
                .orElse("a payload");
    }
}
