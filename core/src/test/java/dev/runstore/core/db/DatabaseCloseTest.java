package dev.runstore.core.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runstore.core.error.DbException;
import dev.runstore.core.error.ErrorCode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseCloseTest {
    @TempDir
    Path dir;

    @Test
    void closeCheckpointsTheWalSoTheFileIsSelfContained() throws Exception {
        Path file = dir.resolve("close.db");
        Database db = Database.open(file);
        Workloads.createTables(db);
        Random random = new Random(7);
        for (int tx = 0; tx < 200; tx++) {
            Workloads.insertBatch(db, "w", tx, random);
        }
        Path wal = dir.resolve("close.db-wal");
        assertThat(Files.size(wal)).as("WAL before close").isPositive();

        db.close();

        assertThat(!Files.exists(wal) || Files.size(wal) == 0)
                .as("WAL is empty or gone")
                .isTrue();
        long rows = Workloads.count(
                Database.open(DatabaseConfig.builder(file).readOnly().build()), "items");
        assertThat(rows).isPositive();
    }

    @Test
    void closeWaitsForAWriteInFlightToCommit() throws Exception {
        Path file = dir.resolve("inflight.db");
        Database db = Database.open(file);
        Workloads.createTables(db);
        CountDownLatch inside = new CountDownLatch(1);
        ExecutorService thread = Executors.newSingleThreadExecutor();
        Future<?> write = thread.submit(() -> {
            db.useWrite(h -> {
                inside.countDown();
                Thread.sleep(300);
                h.execute("INSERT INTO counters (seq, writer) VALUES (1, 'slow')");
            });
            return null;
        });
        assertThat(inside.await(10, TimeUnit.SECONDS)).isTrue();

        db.close();

        write.get(10, TimeUnit.SECONDS);
        thread.shutdown();
        try (Database reopened = Database.open(file)) {
            assertThat(Workloads.count(reopened, "counters")).isEqualTo(1);
        }
    }

    @Test
    void aClosedDatabaseRefusesWorkWithAClearError() {
        Database db = Database.open(dir.resolve("closed.db"));
        db.close();
        db.close(); // a second close does nothing

        assertThatThrownBy(() -> db.read(h -> 1))
                .isInstanceOfSatisfying(
                        DbException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CLOSED))
                .hasMessageContaining("is closed");
    }
}
