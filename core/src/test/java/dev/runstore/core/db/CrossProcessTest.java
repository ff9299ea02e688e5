package dev.runstore.core.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Writers in two child JVMs and in this one share one file; nothing fails and nothing is lost. */
class CrossProcessTest {
    private static final int CHILDREN = 2;

    @TempDir
    Path dir;

    private final List<ChildJvm> children = new ArrayList<>();

    @AfterEach
    void killChildren() {
        children.forEach(ChildJvm::destroy);
    }

    @Test
    void twoOtherProcessesAndThisOneWriteWithoutFailuresOrLoss() throws Exception {
        Path file = dir.resolve("shared.db");
        int childTransactions = 1_500;
        int localWriters = 2;
        int localTransactions = 1_500;
        try (Database db = Database.open(file)) {
            Workloads.createTables(db);
            startChildren(file, "insert", childTransactions);

            Queue<Throwable> failures = new ConcurrentLinkedQueue<>();
            AtomicLong localRows = new AtomicLong();
            AtomicBoolean writing = new AtomicBoolean(true);
            AtomicLong reads = new AtomicLong();
            ExecutorService threads = Executors.newFixedThreadPool(localWriters + 1);
            try {
                List<Future<?>> writers = new ArrayList<>();
                for (int w = 0; w < localWriters; w++) {
                    String writer = "local-" + w;
                    Random random = new Random(w);
                    writers.add(threads.submit(() -> {
                        for (int tx = 0; tx < localTransactions; tx++) {
                            try {
                                localRows.addAndGet(Workloads.insertBatch(db, writer, tx, random));
                            } catch (RuntimeException e) {
                                failures.add(e);
                            }
                        }
                        return null;
                    }));
                }
                Future<?> reader = threads.submit(() -> {
                    while (writing.get()) {
                        try {
                            Workloads.count(db, "items");
                            reads.incrementAndGet();
                        } catch (RuntimeException e) {
                            failures.add(e);
                        }
                    }
                    return null;
                });
                long childRows = 0;
                for (ChildJvm child : children) {
                    childRows += child.awaitDone(300);
                }
                for (Future<?> writer : writers) {
                    writer.get(5, TimeUnit.MINUTES);
                }
                writing.set(false);
                reader.get(1, TimeUnit.MINUTES);

                assertThat(failures).as("failed transactions in this JVM").isEmpty();
                assertThat(reads.get()).isPositive();
                assertThat(Workloads.count(db, "items")).isEqualTo(localRows.get() + childRows);
                for (int c = 0; c < CHILDREN; c++) {
                    String writer = "child-" + c;
                    long txs = db.read(h -> h.createQuery("SELECT count(DISTINCT tx) FROM items WHERE writer = ?")
                            .bind(0, writer)
                            .mapTo(Long.class)
                            .one());
                    assertThat(txs).as("transactions committed by %s", writer).isEqualTo(childTransactions);
                }
            } finally {
                threads.shutdownNow();
            }
        }
    }

    @Test
    void readThenWriteTransactionsFromFourThreadsAndTwoProcessesNeverFail() throws Exception {
        Path file = dir.resolve("counters.db");
        int childTransactions = 1_000;
        int localThreads = 4;
        int localTransactions = 1_000;
        try (Database db = Database.open(file)) {
            Workloads.createTables(db);
            startChildren(file, "read-then-write", childTransactions);

            Queue<Throwable> failures = new ConcurrentLinkedQueue<>();
            ExecutorService threads = Executors.newFixedThreadPool(localThreads);
            try {
                List<Future<?>> writers = new ArrayList<>();
                for (int t = 0; t < localThreads; t++) {
                    String writer = "local-" + t;
                    writers.add(threads.submit(() -> {
                        for (int tx = 0; tx < localTransactions; tx++) {
                            try {
                                Workloads.readThenWrite(db, writer);
                            } catch (RuntimeException e) {
                                failures.add(e);
                            }
                        }
                        return null;
                    }));
                }
                long childRows = 0;
                for (ChildJvm child : children) {
                    childRows += child.awaitDone(300);
                }
                for (Future<?> writer : writers) {
                    writer.get(5, TimeUnit.MINUTES);
                }

                long expected = (long) localThreads * localTransactions + childRows;
                assertThat(failures).as("failed transactions in this JVM").isEmpty();
                assertThat(childRows).isEqualTo((long) CHILDREN * childTransactions);
                assertThat(Workloads.count(db, "counters")).isEqualTo(expected);
                // Every transaction saw the one before it: the sequence has no gap.
                long maxSeq = db.read(h -> h.createQuery("SELECT max(seq) FROM counters")
                        .mapTo(Long.class)
                        .one());
                assertThat(maxSeq).isEqualTo(expected);
            } finally {
                threads.shutdownNow();
            }
        }
    }

    private void startChildren(Path file, String workload, int transactions) throws Exception {
        for (int c = 0; c < CHILDREN; c++) {
            Path log = Files.createTempFile(dir, "child-" + c, ".log");
            children.add(ChildJvm.start(file, workload, "child-" + c, transactions, log));
        }
        for (ChildJvm child : children) {
            child.awaitReady();
        }
        for (ChildJvm child : children) {
            child.go();
        }
    }
}
