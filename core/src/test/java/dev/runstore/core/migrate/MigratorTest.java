package dev.runstore.core.migrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runstore.core.db.Database;
import dev.runstore.core.db.DatabaseConfig;
import dev.runstore.core.error.BusyException;
import dev.runstore.core.error.IncompatibleDatabaseException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MigratorTest {
    @TempDir
    Path dir;

    private final Migrator migrator = new Migrator(Environment.TEST);

    @Test
    void anEmptyDatabaseIsMigratedToTheLatestVersion() {
        try (Database db = Database.open(dir.resolve("new.db"))) {
            MigrationResult result = migrator.migrate(db);

            assertThat(result.applied()).containsExactly("1", "2", "3");
            assertThat(result.currentVersion()).isEqualTo("3");
        }
    }

    @Test
    void migratingAgainIsANoOp() {
        try (Database db = Database.open(dir.resolve("again.db"))) {
            migrator.migrate(db);

            MigrationResult again = migrator.migrate(db);

            assertThat(again.applied()).isEmpty();
            assertThat(again.currentVersion()).isEqualTo("3");
        }
    }

    @Test
    void theStatusOfAnUnmigratedDatabaseListsEveryMigrationAsPending() {
        try (Database db = Database.open(dir.resolve("fresh.db"))) {
            MigrationStatus status = migrator.status(db);

            assertThat(status.currentVersion()).isNull();
            assertThat(status.latestVersion()).isEqualTo("3");
            assertThat(status.pending())
                    .containsExactly(
                            new PendingMigration("1", "runs and events"),
                            new PendingMigration("2", "events payload checks"),
                            new PendingMigration("3", "payload blobs"));
            assertThat(status.applied()).isEmpty();
            assertThat(status.upToDate()).isFalse();
            assertThat(status.environment()).isNull();
            assertThat(status.problems()).isEmpty();
        }
    }

    @Test
    void theStatusAfterMigratingShowsTheHistoryInUtcAndTheEnvironment() {
        Instant before = Instant.now().minusSeconds(2);
        try (Database db = Database.open(dir.resolve("status.db"))) {
            migrator.migrate(db);

            MigrationStatus status = migrator.status(db);

            assertThat(status.currentVersion()).isEqualTo("3");
            assertThat(status.upToDate()).isTrue();
            assertThat(status.environment()).isEqualTo("test");
            assertThat(status.applied()).extracting(AppliedMigration::version).containsExactly("1", "2", "3");
            assertThat(status.applied()).allSatisfy(m -> {
                assertThat(m.success()).isTrue();
                assertThat(m.installedOn()).isBetween(before, Instant.now().plusSeconds(2));
            });
        }
    }

    @Test
    void theEnvironmentIsRecordedOnTheFirstMigrationOnly() {
        try (Database db = Database.open(dir.resolve("env.db"))) {
            new Migrator(Environment.DEVELOPMENT).migrate(db);
            new Migrator(Environment.PRODUCTION).migrate(db);

            assertThat(migrator.status(db).environment()).isEqualTo("development");
        }
    }

    @Test
    void statusOnAReadOnlyDatabaseWorksAndChangesNoByte() throws Exception {
        Path file = dir.resolve("readonly.db");
        try (Database db = Database.open(file)) {
            migrator.migrate(db);
        }
        String before = sha256(file);

        try (Database db = Database.open(DatabaseConfig.builder(file).readOnly().build())) {
            assertThat(migrator.status(db).upToDate()).isTrue();
        }
        assertThat(sha256(file)).isEqualTo(before);
    }

    @Test
    void migratingAReadOnlyDatabaseIsRefused() {
        Path file = dir.resolve("ro.db");
        Database.open(file).close();

        try (Database db = Database.open(DatabaseConfig.builder(file).readOnly().build())) {
            assertThatThrownBy(() -> migrator.migrate(db))
                    .isInstanceOf(IncompatibleDatabaseException.class)
                    .hasMessageContaining("opened read-only");
        }
    }

    @Test
    void aTargetVersionStopsThere() {
        try (Database db = Database.open(dir.resolve("target.db"))) {
            assertThat(migrator.migrate(db, "1").applied()).containsExactly("1");
            assertThat(migrator.status(db).pending())
                    .extracting(PendingMigration::version)
                    .containsExactly("2", "3");
            assertThat(migrator.migrate(db).applied()).containsExactly("2", "3");
        }
    }

    @Test
    void aTargetThatIsNotAVersionIsRefused() {
        try (Database db = Database.open(dir.resolve("bad-target.db"))) {
            assertThatThrownBy(() -> migrator.migrate(db, "two"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("\"two\" is not a version");
        }
    }

    @Test
    void anAppliedMigrationThatWasEditedIsRefusedWithAReadableMessage() {
        try (Database db = Database.open(dir.resolve("edited.db"))) {
            migrator.migrate(db, "1");
            Migrator edited = new Migrator(
                    List.of("classpath:db/edited-migration"), List.of(), Environment.TEST, Duration.ofSeconds(5));

            assertThatThrownBy(() -> edited.migrate(db))
                    .isInstanceOf(IncompatibleDatabaseException.class)
                    .hasMessageContaining("migration V1 (runs and events) was edited after it was applied")
                    .hasMessageContaining("put the change in a new migration instead");
            assertThat(edited.status(db).problems()).hasSize(1);
        }
    }

    @Test
    void aSchemaThisProgramMigratedIsNotNewerThanIt() {
        try (Database db = Database.open(dir.resolve("current.db"))) {
            migrator.migrate(db);
            assertThat(migrator.status(db).newerThanProgram()).isFalse();
        }
    }

    @Test
    void aSchemaNewerThanThisProgramIsReportedAndNotMigrated() {
        try (Database db = Database.open(dir.resolve("future.db"))) {
            new Migrator(
                            List.of(Migrator.LOCATION, "classpath:db/future-migration"),
                            JavaMigrations.all(),
                            Environment.TEST,
                            Duration.ofSeconds(5))
                    .migrate(db);

            MigrationStatus status = migrator.status(db);
            assertThat(status.currentVersion()).isEqualTo("9");
            assertThat(status.latestVersion()).isEqualTo("3");
            assertThat(status.upToDate()).isFalse();
            assertThat(status.newerThanProgram()).isTrue();
            assertThat(status.problems())
                    .singleElement()
                    .asString()
                    .contains("migration V9 (from the future) is newer than this program (its latest is 3)");
            assertThatThrownBy(() -> migrator.migrate(db))
                    .isInstanceOf(IncompatibleDatabaseException.class)
                    .hasMessageContaining("upgrade runstore");
        }
    }

    @Test
    void aFailedMigrationIsReportedAsAProblem() {
        JavaMigration failing = new JavaMigration() {
            @Override
            public MigrationVersion getVersion() {
                return MigrationVersion.fromVersion("9");
            }

            @Override
            public String getDescription() {
                return "breaks halfway";
            }

            @Override
            public Integer getChecksum() {
                return null;
            }

            @Override
            public boolean canExecuteInTransaction() {
                return false;
            }

            @Override
            public void migrate(Context context) throws Exception {
                throw new IllegalStateException("disk on fire");
            }
        };
        List<JavaMigration> java = new ArrayList<>(JavaMigrations.all());
        java.add(failing);
        Migrator withFailing = new Migrator(List.of(Migrator.LOCATION), java, Environment.TEST, Duration.ofSeconds(5));
        try (Database db = Database.open(dir.resolve("failed.db"))) {
            assertThatThrownBy(() -> withFailing.migrate(db)).isInstanceOf(IncompatibleDatabaseException.class);

            assertThat(withFailing.status(db).problems())
                    .singleElement()
                    .asString()
                    .contains("migration V9 (breaks halfway) failed when it was applied");
        }
    }

    @Test
    void whileAnotherMigrationHoldsTheLockMigrateWaitsThenFailsNamingTheHolder() {
        Path file = dir.resolve("locked.db");
        Migrator impatient = new Migrator(
                List.of(Migrator.LOCATION), JavaMigrations.all(), Environment.TEST, Duration.ofMillis(300));
        try (Database db = Database.open(file);
                MigrationLock held = MigrationLock.acquire(db.path(), Duration.ofSeconds(1))) {
            assertThatThrownBy(() -> impatient.migrate(db))
                    .isInstanceOf(BusyException.class)
                    .hasMessageContaining("another process is migrating")
                    .hasMessageContaining("pid " + ProcessHandle.current().pid());
            assertThat(impatient.status(db).currentVersion()).isNull();
        }
        try (Database db = Database.open(file)) {
            assertThat(impatient.migrate(db).applied()).containsExactly("1", "2", "3");
        }
    }

    private static String sha256(Path path) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(path)));
    }
}
