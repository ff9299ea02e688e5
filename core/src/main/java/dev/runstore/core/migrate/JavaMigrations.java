package dev.runstore.core.migrate;

import java.util.List;
import org.flywaydb.core.api.migration.JavaMigration;

/** The Java migrations, listed explicitly: no classpath scanning, and the list is the review point. */
final class JavaMigrations {
    private JavaMigrations() {}

    static List<JavaMigration> all() {
        return List.of(new V2EventsPayloadChecks());
    }
}
