package dev.runstore.core.store;

/**
 * Keeps logs bounded.
 *
 * @param maxMessageCodePoints longer messages are truncated to this many code points (the
 *     original length is kept)
 * @param maxInlinePayloadBytes payloads whose canonical form is larger are stored out of line (blob
 *     files beside a SQLite database, the payload_blobs table on PostgreSQL)
 */
public record EventLimits(int maxMessageCodePoints, int maxInlinePayloadBytes) {
    public static final EventLimits DEFAULTS = new EventLimits(8_192, 64 * 1024);

    public EventLimits {
        if (maxMessageCodePoints < 1) {
            throw new IllegalArgumentException(
                    "maxMessageCodePoints must be at least 1 (was " + maxMessageCodePoints + ")");
        }
        if (maxInlinePayloadBytes < 0) {
            throw new IllegalArgumentException(
                    "maxInlinePayloadBytes must be 0 or more (was " + maxInlinePayloadBytes + ")");
        }
    }
}
