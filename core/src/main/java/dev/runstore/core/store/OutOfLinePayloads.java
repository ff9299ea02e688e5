package dev.runstore.core.store;

import dev.runstore.core.error.IncompatibleDatabaseException;
import dev.runstore.core.error.Values;
import dev.runstore.core.json.CanonicalJson;
import dev.runstore.core.json.JsonText;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import org.jdbi.v3.core.Handle;

/**
 * Payloads over the inline limit. Where they are written depends on where the database is: beside a
 * SQLite file, in its {@code .blobs} folder (written before the transaction, so slow file I/O never
 * holds the write lock); on PostgreSQL, in the {@code payload_blobs} table, in the same transaction
 * as their events, so every host, {@code pg_dump} and a restore see them. Reading goes by the
 * payload_uri, so either kind reads on either engine. Every read is checked against the event's
 * SHA-256: a payload that is missing or changed is an error naming the event, never a null.
 */
final class OutOfLinePayloads {
    /** The payload_uri of a payload in the payload_blobs table: {@code db:sha256/<hex>}. */
    static final String TABLE_URI_PREFIX = "db:sha256/";

    private static final int CHECK_PAGE = 200;

    private final BlobFiles files; // null: this database keeps its payloads in payload_blobs

    OutOfLinePayloads(Optional<Path> folder) {
        this.files = folder.map(BlobFiles::new).orElse(null);
    }

    /** Before the write transaction: stores a blob file, if files are used, and returns the payload_uri. */
    String prepare(JsonText canonical) {
        return files != null
                ? files.put(canonical.bytes(), canonical.sha256Hex())
                : TABLE_URI_PREFIX + canonical.sha256Hex();
    }

    /**
     * Inside the write transaction: the table rows of {@code payloads} (each once, in hash order, so
     * two transactions never lock the same rows in opposite orders). An existing row with other
     * content (changed by hand) is repaired; one with the same content is left as it is.
     */
    void store(Handle h, List<JsonText> payloads) {
        if (files != null || payloads.isEmpty()) {
            return;
        }
        TreeMap<String, JsonText> bySha = new TreeMap<>();
        payloads.forEach(p -> bySha.put(p.sha256Hex(), p));
        for (JsonText payload : bySha.values()) {
            h.createUpdate("INSERT INTO payload_blobs (sha256, size, content) VALUES (:sha, :size, :content)"
                            + " ON CONFLICT (sha256) DO UPDATE SET size = excluded.size, content = excluded.content"
                            + " WHERE payload_blobs.content <> excluded.content")
                    .bind("sha", payload.sha256Hex())
                    .bind("size", (long) payload.bytes().length)
                    .bind("content", payload.json())
                    .execute();
        }
    }

    /**
     * The out-of-line payload of {@code event}, checked against its SHA-256.
     *
     * @throws IncompatibleDatabaseException when it is missing or does not match its hash
     */
    JsonText read(Handle h, Event event) {
        Blob blob = fetch(h, event.payloadUri(), event.payloadSha256());
        if (blob.problem() != null) {
            throw new IncompatibleDatabaseException(
                    "the payload of " + describe(event.seq(), event.runName()) + " " + blob.problem());
        }
        return JsonText.parse(new String(blob.bytes(), StandardCharsets.UTF_8));
    }

    /** One out-of-line payload as found: its bytes, or why they cannot be used. */
    private record Blob(byte[] bytes, String problem) {}

    private Blob fetch(Handle h, String uri, String sha256) {
        byte[] bytes;
        String where;
        if (uri.startsWith(TABLE_URI_PREFIX)) {
            where = "the payload_blobs table";
            bytes = h.createQuery("SELECT content FROM payload_blobs WHERE sha256 = :sha")
                    .bind("sha", uri.substring(TABLE_URI_PREFIX.length()))
                    .mapTo(String.class)
                    .findOne()
                    .map(content -> content.getBytes(StandardCharsets.UTF_8))
                    .orElse(null);
        } else if (files != null) {
            where = files.file(uri).toString();
            bytes = files.read(uri);
        } else {
            return new Blob(
                    null,
                    "(sha256 " + sha256 + ") is a file outside the database (payload_uri " + Values.quote(uri)
                            + "), written into the working folder of the host that ingested it by a runstore older"
                            + " than schema version 3; ingest that event again from its source to store the payload"
                            + " in the database");
        }
        if (bytes == null) {
            return new Blob(
                    null,
                    "(sha256 " + sha256 + ") is missing from " + where + "; restore it from a backup" + hint(uri));
        }
        String actual = CanonicalJson.sha256HexOf(bytes);
        if (!actual.equals(sha256)) {
            return new Blob(
                    null,
                    "is corrupt in " + where + ": its SHA-256 is " + actual + ", the event expects " + sha256
                            + "; restore it from a backup");
        }
        return new Blob(bytes, null);
    }

    private String hint(String uri) {
        return uri.startsWith(TABLE_URI_PREFIX) ? "" : " (copy the .blobs folder along with the database file)";
    }

    private static String describe(long seq, String run) {
        return "event seq " + seq + " of run " + Values.quote(run);
    }

    /**
     * Reads every distinct out-of-line payload once and checks it against its hash, naming the
     * events of the first {@code maxNamed} that are missing or corrupt. The payloads are walked in
     * pages through {@code events_out_of_line_idx}, so the time grows with the out-of-line events
     * and their bytes, not with the size of the events table, and memory holds one page of hashes
     * and one payload at a time.
     */
    PayloadAudit verify(Handle h, int maxNamed) {
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
                Blob blob = fetch(h, row[1], row[0]);
                if (blob.problem() == null) {
                    bytes += blob.bytes().length;
                    continue;
                }
                failed++;
                if (named.size() < maxNamed) {
                    named.add(firstEvent(h, row[0], row[1]) + " " + blob.problem());
                }
            }
            if (page.size() < CHECK_PAGE) {
                return new PayloadAudit(payloads, bytes, failed, named);
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
