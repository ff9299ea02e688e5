package dev.runstore.core.stats;

import java.time.Instant;

/** Events of one time bucket by level; {@code start} is the bucket's first instant, in UTC. */
public record LevelCounts(Instant start, long debug, long info, long warning, long error) {
    public long total() {
        return debug + info + warning + error;
    }
}
