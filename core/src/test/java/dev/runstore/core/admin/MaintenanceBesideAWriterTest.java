package dev.runstore.core.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runstore.core.db.AccessMode;
import dev.runstore.core.db.Database;
import dev.runstore.core.db.DatabaseConfig;
import dev.runstore.core.migrate.Environment;
import dev.runstore.core.migrate.Migrator;
import dev.runstore.core.store.SampleData;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Backup, migrate and check while a Python program commits to the same file every half millisecond. */
class MaintenanceBesideAWriterTest {
    @TempDir
    Path dir;

    @Test
    void backupsAreConsistentSnapshotsAndMigrateAndCheckSucceedWhileAnotherProcessWrites() throws Exception {
        Path db = dir.resolve("busy.db");
        try (Database database = Database.open(db)) {
            new Migrator(Environment.TEST).migrate(database);
            SampleData.fill(database, 2, 50);
        }
        try (PythonWriter python = PythonWriter.start(db, 100)) {
            for (int i = 0; i < 3; i++) {
                Set<Long> before = python.committed();
                Path copy = dir.resolve("copy-" + i + ".db");
                try (Database database = Database.open(db)) {
                    Backup.to(database, copy);
                    assertThat(new Migrator(Environment.TEST).migrate(database).applied())
                            .isEmpty();
                }
                try (Database readOnly = Database.open(
                        DatabaseConfig.builder(db).mode(AccessMode.READ_ONLY).build())) {
                    assertThat(HealthChecks.run(readOnly).ok()).isTrue();
                }
                Set<Long> inCopy = ResetUnderAttackTest.ticks(copy);
                // One snapshot: every row committed before the backup began, and no gap after it.
                assertThat(inCopy).containsAll(before);
                long highest = inCopy.stream().mapToLong(Long::longValue).max().orElse(0);
                assertThat(inCopy).hasSize((int) highest);
                assertThat(integrity(copy)).isEqualTo("ok");
            }
            assertThat(python.committed()).hasSizeGreaterThan(100);
        }
    }

    private static String integrity(Path db) throws Exception {
        try (Connection plain = DriverManager.getConnection("jdbc:sqlite:" + db);
                Statement sql = plain.createStatement();
                ResultSet rs = sql.executeQuery("PRAGMA integrity_check")) {
            rs.next();
            return rs.getString(1);
        }
    }
}
