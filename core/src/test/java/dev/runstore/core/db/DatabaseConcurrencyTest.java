package dev.runstore.core.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseConcurrencyTest {
    private static final int WRITERS = 8;
    private static final int TRANSACTIONS_PER_WRITER = 2_000;

    @TempDir
    Path dir;

    @Test
    void eightWriterThreadsAndTwoReadersLoseNothingAndNeverFail() throws Exception {
        Queue<Throwable> failures = new ConcurrentLinkedQueue<>();
        AtomicLong expectedRows = new AtomicLong();
        AtomicLong reads = new AtomicLong();
        AtomicBoolean writing = new AtomicBoolean(true);
        ExecutorService threads = Executors.newFixedThreadPool(WRITERS + 2);
        try (Database db = Database.open(dir.resolve("concurrency.db"))) {
            Workloads.createTables(db);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> writers = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                String writer = "thread-" + w;
                Random random = new Random(w);
                writers.add(threads.submit(() -> {
                    start.await();
                    for (int tx = 0; tx < TRANSACTIONS_PER_WRITER; tx++) {
                        try {
                            expectedRows.addAndGet(Workloads.insertBatch(db, writer, tx, random));
                        } catch (RuntimeException e) {
                            failures.add(e);
                        }
                    }
                    return null;
                }));
            }
            List<Future<?>> readers = new ArrayList<>();
            for (int r = 0; r < 2; r++) {
                readers.add(threads.submit(() -> {
                    start.await();
                    long previous = 0;
                    while (writing.get()) {
                        try {
                            long now = Workloads.count(db, "items");
                            assertThat(now)
                                    .as("a reader never sees the count go back")
                                    .isGreaterThanOrEqualTo(previous);
                            previous = now;
                            reads.incrementAndGet();
                        } catch (RuntimeException e) {
                            failures.add(e);
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> writer : writers) {
                writer.get(5, TimeUnit.MINUTES);
            }
            writing.set(false);
            for (Future<?> reader : readers) {
                reader.get(1, TimeUnit.MINUTES);
            }

            assertThat(failures).as("failed transactions").isEmpty();
            assertThat(Workloads.count(db, "items")).isEqualTo(expectedRows.get());
            assertThat(reads.get()).as("reads done while writers ran").isPositive();
        } finally {
            threads.shutdownNow();
        }
    }
}
