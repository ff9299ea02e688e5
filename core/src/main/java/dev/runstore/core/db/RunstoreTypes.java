package dev.runstore.core.db;

import dev.runstore.core.json.CanonicalJsonPlugin;
import dev.runstore.core.time.UtcTimePlugin;
import org.jdbi.v3.core.Jdbi;

/** Installs the value types every runstore handle knows: UTC times and canonical JSON. */
final class RunstoreTypes {
    private RunstoreTypes() {}

    static Jdbi install(Dialect dialect, Jdbi jdbi) {
        return jdbi.installPlugin(new UtcTimePlugin(dialect == Dialect.POSTGRESQL))
                .installPlugin(new CanonicalJsonPlugin());
    }
}
