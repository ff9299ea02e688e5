package dev.runstore.core.store;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A run to create.
 *
 * @param name unique across the store
 * @param source what produced it (a service or host name)
 * @param params any value canonical JSON accepts (map, record, tree); stored canonically and hashed
 * @param startedAt when it started
 */
public record NewRun(String name, String source, Object params, Instant startedAt) {
    public NewRun {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a run needs a name; give it a unique, non-blank name");
        }
        if (source == null || source.isBlank()) {
            throw new IllegalArgumentException("run \"" + name + "\" needs a source: what produced it");
        }
        WellFormedText.require("run name", name);
        WellFormedText.require("source", source);
        Objects.requireNonNull(startedAt, "startedAt");
        params = params == null ? Map.of() : params;
    }
}
