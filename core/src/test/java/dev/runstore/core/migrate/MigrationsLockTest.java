package dev.runstore.core.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Merged migrations are never edited, removed or renamed: migrations.lock pins each one. */
class MigrationsLockTest {
    @TempDir
    Path dir;

    @Test
    void everyMigrationInTheTreeMatchesTheLock() {
        Map<String, String> actual = MigrationsLock.scan();
        if (Boolean.getBoolean(MigrationsLock.UPDATE_PROPERTY)) {
            MigrationsLock.appendNew(MigrationsLock.FILE, MigrationsLock.read(MigrationsLock.FILE), actual);
        }

        assertThat(MigrationsLock.problems(MigrationsLock.read(MigrationsLock.FILE), actual))
                .isEmpty();
        assertThat(actual)
                .containsKeys(
                        "src/main/resources/db/migration/V1__runs_and_events.sql",
                        "src/main/java/dev/runstore/core/migrate/V2EventsPayloadChecks.java");
    }

    @Test
    void anEditedMigrationIsReportedWithWhatToDoInstead() {
        assertThat(MigrationsLock.problems(Map.of("V1__a.sql", "aaaa"), Map.of("V1__a.sql", "bbbb")))
                .containsExactly("merged migration V1__a.sql was edited (its SHA-256 differs from migrations.lock);"
                        + " revert the edit and add a new migration instead");
    }

    @Test
    void aRenamedMigrationIsReportedAsRemovedAndNew() {
        assertThat(MigrationsLock.problems(Map.of("V1__a.sql", "aaaa"), Map.of("V1__b.sql", "aaaa")))
                .hasSize(2)
                .anyMatch(p -> p.startsWith("merged migration V1__a.sql was removed or renamed"))
                .anyMatch(p -> p.startsWith("new migration V1__b.sql is not in migrations.lock"));
    }

    @Test
    void aNewMigrationNamesTheCommandThatAddsIt() {
        assertThat(MigrationsLock.problems(Map.of(), Map.of("V9__new.sql", "cccc")))
                .singleElement()
                .asString()
                .contains(MigrationsLock.UPDATE_COMMAND);
    }

    @Test
    void updatingTheLockAppendsNewEntriesAndNeverBlessesAnEdit() throws Exception {
        Path lock = dir.resolve("migrations.lock");
        Files.writeString(lock, "aaaa  V1__a.sql\n");

        MigrationsLock.appendNew(lock, MigrationsLock.read(lock), Map.of("V1__a.sql", "edited", "V2__b.sql", "bbbb"));

        assertThat(MigrationsLock.read(lock))
                .containsExactlyInAnyOrderEntriesOf(Map.of("V1__a.sql", "aaaa", "V2__b.sql", "bbbb"));
        assertThat(MigrationsLock.problems(
                        MigrationsLock.read(lock), Map.of("V1__a.sql", "edited", "V2__b.sql", "bbbb")))
                .singleElement()
                .asString()
                .contains("V1__a.sql was edited");
    }
}
