package dev.runstore.core.store;

import java.util.List;

/**
 * What checking the out-of-line payloads found.
 *
 * @param payloads distinct out-of-line payloads the events refer to
 * @param contentsRead whether each was read and hashed, or only found present
 * @param bytes the bytes of those that were read and matched their hash (0 when not read)
 * @param failed how many are missing or do not match their hash
 * @param firstFailures the first few failures, each naming an event, the expected hash and where
 *     the payload should be
 */
public record PayloadAudit(long payloads, boolean contentsRead, long bytes, long failed, List<String> firstFailures) {
    public PayloadAudit {
        firstFailures = List.copyOf(firstFailures);
    }
}
