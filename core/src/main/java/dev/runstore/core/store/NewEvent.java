package dev.runstore.core.store;

import java.time.Instant;
import java.util.Objects;

/**
 * An event to append.
 *
 * @param seq the event's number within its run: the idempotency key, so appending the same seq
 *     again inserts nothing
 * @param payload any value canonical JSON accepts, or null
 */
public record NewEvent(long seq, Instant ts, Level level, String kind, String message, Object payload) {
    public NewEvent {
        if (seq < 0) {
            throw new IllegalArgumentException("event seq must be 0 or more (was " + seq + ")");
        }
        Objects.requireNonNull(ts, "ts");
        Objects.requireNonNull(level, "level");
        if (kind == null || kind.isBlank()) {
            throw new IllegalArgumentException("event " + seq + " needs a kind");
        }
        WellFormedText.require("kind", kind);
        message = message == null ? "" : WellFormedText.require("message", message);
    }
}
