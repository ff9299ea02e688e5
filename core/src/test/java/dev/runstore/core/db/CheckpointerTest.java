package dev.runstore.core.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointerTest {
    @TempDir
    Path dir;

    @Test
    void committedPagesReachTheDatabaseFileWhileTheWriterIsIdle() throws Exception {
        Path file = dir.resolve("background.db");
        try (Database db = Database.open(file)) {
            Workloads.createTables(db);
            long before = Files.size(file);
            // About 150 pages: far below the writer's own automatic checkpoint (the backstop).
            db.useWrite(h -> {
                for (int i = 0; i < 2_000; i++) {
                    h.execute("INSERT INTO items (writer, tx, body) VALUES ('w', ?, ?)", i, "x".repeat(300));
                }
            });

            // Nobody else checkpoints and the database stays open: only the checkpointer can do it.
            long expected = before + 100 * 4096L;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (Files.size(file) <= expected && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertThat(Files.size(file)).isGreaterThan(expected);
        }
    }

    @Test
    void theWritersOwnAutomaticCheckpointIsOnlyABackstop() throws Exception {
        try (Database db = Database.open(dir.resolve("backstop.db"))) {
            Integer pages = db.write(h -> h.createQuery("PRAGMA wal_autocheckpoint")
                    .mapTo(Integer.class)
                    .one());
            assertThat(pages).isEqualTo(Checkpointer.BACKSTOP_PAGES);
        }
    }

    @Test
    void closingStopsTheCheckpointerThread() throws Exception {
        Database db = Database.open(dir.resolve("stop.db"));
        Workloads.createTables(db);
        assertThat(checkpointerThreads()).isPositive();
        db.close();
        assertThat(checkpointerThreads()).isZero();
    }

    private static long checkpointerThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("runstore-checkpointer[stop.db]") && t.isAlive())
                .count();
    }
}
