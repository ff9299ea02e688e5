package dev.runstore.core.store;

import dev.runstore.core.json.JsonText;
import java.time.Instant;

/**
 * A run as stored.
 *
 * @param params canonical JSON; {@code paramsSha256} is the SHA-256 of its UTF-8 bytes
 * @param finishedAt null while running
 * @param stats null until finished (and when finished without stats)
 */
public record Run(
        long id,
        String name,
        String source,
        RunStatus status,
        Instant startedAt,
        Instant finishedAt,
        JsonText params,
        String paramsSha256,
        JsonText stats) {}
