package dev.runstore.core.store;

import dev.runstore.core.json.JsonText;
import java.time.Instant;

/**
 * An event as stored.
 *
 * @param message the stored message, possibly truncated (see {@link #truncated()})
 * @param messageLength the original message's length in code points
 * @param payload the inline payload, or null when there is none or it is stored out of line
 * @param payloadUri where an out-of-line payload is ({@code db:sha256/<hex>} for the payload_blobs
 *     table, else a file path relative to the database's folder), or null
 * @param payloadSha256 the SHA-256 of the payload's canonical bytes, or null when there is none
 */
public record Event(
        long id,
        long runId,
        String runName,
        long seq,
        Instant ts,
        Level level,
        String kind,
        String message,
        int messageLength,
        JsonText payload,
        String payloadUri,
        String payloadSha256) {

    /** Whether the stored message is shorter than the original. */
    public boolean truncated() {
        return message.codePointCount(0, message.length()) < messageLength;
    }

    /** Whether the event has a payload, inline or out of line. */
    public boolean hasPayload() {
        return payloadSha256 != null;
    }
}
