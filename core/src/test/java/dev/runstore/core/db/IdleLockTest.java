package dev.runstore.core.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdleLockTest {
    @TempDir
    Path dir;

    @Test
    void anOpenIdleDatabaseHoldsNoLockAfterWritesAndReads() throws Exception {
        Path file = dir.resolve("idle.db");
        try (Database db = Database.open(file)) {
            Workloads.createTables(db);
            Random random = new Random(1);
            for (int tx = 0; tx < 20; tx++) {
                Workloads.insertBatch(db, "runstore", tx, random);
            }
            Workloads.count(db, "items");

            // A plain connection that refuses to wait at all must get the write lock at once.
            try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + file);
                    Statement sql = other.createStatement()) {
                sql.execute("PRAGMA busy_timeout = 0");
                sql.execute("BEGIN IMMEDIATE");
                sql.execute("INSERT INTO counters (seq, writer) VALUES (42, 'plain')");
                sql.execute("COMMIT");
            }

            assertThat(Workloads.count(db, "counters")).isEqualTo(1);
        }
    }
}
