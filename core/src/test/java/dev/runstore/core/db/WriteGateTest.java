package dev.runstore.core.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cross-process write turn (a lock on {@code <db>.write-lock}): what a killed holder, two
 * instances in one process and a writer that is not runstore's do with it. The lock is probed from
 * a real Python process ({@code fcntl.lockf}, the same POSIX lock), since this JVM cannot test a
 * lock it holds itself.
 */
class WriteGateTest {
    static final String PYTHON = Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";

    @TempDir
    Path dir;

    private final List<ChildJvm> children = new ArrayList<>();

    @AfterEach
    void killChildren() {
        children.forEach(ChildJvm::destroy);
    }

    /** "held" or "free": whether some process holds the write turn of {@code db} now. */
    static String probe(Path db) throws Exception {
        Process probe = new ProcessBuilder(
                        PYTHON,
                        "-c",
                        String.join(
                                "\n",
                                "import fcntl, sys",
                                "f = open(sys.argv[1], 'r+')",
                                "try:",
                                "    fcntl.lockf(f, fcntl.LOCK_EX | fcntl.LOCK_NB)",
                                "    print('free')",
                                "except OSError:",
                                "    print('held')"),
                        SidecarWriteGate.pathFor(db).toString())
                .redirectErrorStream(true)
                .start();
        String out = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(probe.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return out;
    }

    /** A child JVM inside a write transaction that never ends, on a table {@code held}. */
    private ChildJvm holdingTheTurn(Path file) throws Exception {
        try (Database db = Database.open(file)) {
            db.write(h -> h.execute("CREATE TABLE held (writer TEXT)"));
        }
        ChildJvm holder = ChildJvm.start(file, "hold", "holder", 1, dir.resolve("holder.log"));
        children.add(holder);
        holder.awaitReady();
        holder.go();
        assertThat(holder.nextLine()).isEqualTo("holding");
        return holder;
    }

    @Test
    void aProcessKilledWhileHoldingTheTurnReleasesItAndItsTransactionIsRolledBack() throws Exception {
        Path file = dir.resolve("shared.db");
        ChildJvm holder = holdingTheTurn(file);
        assertThat(probe(file)).as("the child holds the turn").isEqualTo("held");

        holder.kill();

        assertThat(probe(file)).as("the kernel released it with the process").isEqualTo("free");
        try (Database db = Database.open(
                DatabaseConfig.builder(file).busyTimeout(Duration.ofSeconds(5)).build())) {
            db.write(h -> h.execute("INSERT INTO held VALUES ('after')"));
            List<String> result = db.read(h ->
                    h.createQuery("SELECT writer FROM held").mapTo(String.class).list());
            assertThat(result).containsExactly("after");
        }
    }

    /**
     * A wait for the turn that runs out, and one that is interrupted, leave no lock behind: once
     * the other process is gone the next write gets in, and nobody holds the sidecar.
     */
    @Test
    void aWaitThatTimesOutOrIsInterruptedLeavesNoLockBehind() throws Exception {
        Path file = dir.resolve("shared.db");
        ChildJvm holder = holdingTheTurn(file);
        try (Database db = Database.open(
                DatabaseConfig.builder(file).busyTimeout(Duration.ofMillis(300)).build())) {
            assertThatThrownBy(() -> db.write(h -> h.execute("INSERT INTO held VALUES ('late')")))
                    .isInstanceOf(dev.runstore.core.error.BusyException.class)
                    .hasMessageContaining("another process held the write lock");

            ExecutorService thread = Executors.newSingleThreadExecutor();
            try {
                Future<?> waiting = thread.submit(() -> db.write(h -> h.execute("INSERT INTO held VALUES ('x')")));
                Thread.sleep(100);
                waiting.cancel(true); // interrupts the write while it waits in the kernel's queue
                Thread.sleep(100);
            } finally {
                thread.shutdownNow();
                assertThat(thread.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
            }

            holder.kill();

            assertThat(probe(file)).as("no lock left by the gave-up waits").isEqualTo("free");
            db.write(h -> h.execute("INSERT INTO held VALUES ('after')"));
            List<String> writers = db.read(h ->
                    h.createQuery("SELECT writer FROM held").mapTo(String.class).list());
            assertThat(writers).containsExactly("after");
            assertThat(probe(file)).isEqualTo("free");
        }
    }

    @Test
    void twoInstancesOnOneFileInOneProcessTakeTurnsAndClosingOneKeepsTheOthersLock() throws Exception {
        Path file = dir.resolve("shared.db");
        Files.createDirectories(dir.resolve("sub"));
        Path sameFileAnotherWay = dir.resolve("sub").resolve("..").resolve("shared.db");
        try (Database first = Database.open(file)) {
            first.write(h -> h.execute("CREATE TABLE t (who TEXT, n INTEGER)"));
            Database second = Database.open(sameFileAnotherWay);
            CountDownLatch inside = new CountDownLatch(1);
            CountDownLatch letGo = new CountDownLatch(1);
            ExecutorService threads = Executors.newFixedThreadPool(5);
            try {
                Future<?> holding = threads.submit(() -> first.write(h -> {
                    h.execute("INSERT INTO t VALUES ('first', 0)");
                    inside.countDown();
                    letGo.await();
                    return null;
                }));
                assertThat(inside.await(10, TimeUnit.SECONDS)).isTrue();

                second.close(); // its share of the one channel goes; the lock held by `first` must not

                assertThat(probe(file))
                        .as("still held after the other instance closed")
                        .isEqualTo("held");
                letGo.countDown();
                holding.get(10, TimeUnit.SECONDS);
                assertThat(probe(file)).isEqualTo("free");

                // Both ways to the file, writing at once from several threads: one queue, no overlap.
                try (Database third = Database.open(sameFileAnotherWay)) {
                    Queue<Throwable> failures = new ConcurrentLinkedQueue<>();
                    AtomicLong written = new AtomicLong();
                    List<Future<?>> writers = new ArrayList<>();
                    for (int w = 0; w < 4; w++) {
                        Database db = w % 2 == 0 ? first : third;
                        String who = "w" + w;
                        writers.add(threads.submit(() -> {
                            for (int n = 0; n < 200; n++) {
                                int k = n;
                                try {
                                    db.write(h -> h.execute("INSERT INTO t VALUES (?, ?)", who, k));
                                    written.incrementAndGet();
                                } catch (RuntimeException e) {
                                    failures.add(e);
                                }
                            }
                        }));
                    }
                    for (Future<?> writer : writers) {
                        writer.get(60, TimeUnit.SECONDS);
                    }
                    assertThat(failures).isEmpty();
                    long result = first.read(h -> h.createQuery("SELECT count(*) FROM t")
                            .mapTo(Long.class)
                            .one());
                    assertThat(result).isEqualTo(1 + written.get()).isEqualTo(801L);
                }
            } finally {
                letGo.countDown();
                threads.shutdownNow();
            }
        }
    }

    @Test
    void theLockFileGetsTheDatabaseFilesPermissionsSoAGroupSharingTheDatabaseCanLockIt() throws Exception {
        Path file = dir.resolve("shared.db");
        try (Database db = Database.open(file)) {
            db.read(h -> 1);
        }
        var groupWritable = java.nio.file.attribute.PosixFilePermissions.fromString("rw--w----");
        Files.setPosixFilePermissions(file, groupWritable);
        try (Database db = Database.open(file)) {
            db.write(h -> h.execute("CREATE TABLE t (x)"));
        }
        assertThat(Files.getPosixFilePermissions(SidecarWriteGate.pathFor(file)))
                .isEqualTo(groupWritable);
    }

    @Test
    void aLinkPlantedAtTheLockFileIsRefusedAndNothingIsWrittenThroughIt() throws Exception {
        Path file = dir.resolve("shared.db");
        Path victim = Files.writeString(dir.resolve("victim.txt"), "keep me");
        Files.createSymbolicLink(SidecarWriteGate.pathFor(file), victim);
        try (Database db = Database.open(file)) {
            assertThatThrownBy(() -> db.write(h -> h.execute("CREATE TABLE t (x)")))
                    .isInstanceOf(dev.runstore.core.error.OperationRefusedException.class)
                    .hasMessageContaining("is a symbolic link");
            boolean created = db.read(h -> h.createQuery("SELECT count(*) FROM sqlite_schema WHERE name = 't'")
                            .mapTo(Integer.class)
                            .one())
                    == 1;
            assertThat(created).as("the write did not happen").isFalse();
        }
        assertThat(Files.readString(victim)).isEqualTo("keep me");
    }

    @Test
    void aHardLinkOrAFolderAtTheLockFileIsRefusedAndTheDatabaseUnchanged() throws Exception {
        Path victim = Files.writeString(dir.resolve("victim.txt"), "keep me");
        Path linked = dir.resolve("linked.db");
        Files.createLink(SidecarWriteGate.pathFor(linked), victim);
        Path folder = dir.resolve("folder.db");
        Files.createDirectory(SidecarWriteGate.pathFor(folder));

        for (Path file : List.of(linked, folder)) {
            try (Database db = Database.open(file)) {
                assertThatThrownBy(() -> db.write(h -> h.execute("CREATE TABLE t (x)")))
                        .isInstanceOf(dev.runstore.core.error.OperationRefusedException.class)
                        .hasMessageContaining(file.getFileName() + ".write-lock\" is ")
                        .hasMessageContaining(file == linked ? "a hard link" : "not a regular file");
                int objects = db.read(h -> h.createQuery("SELECT count(*) FROM sqlite_schema")
                        .mapTo(Integer.class)
                        .one());
                assertThat(objects).as("the write did not happen").isZero();
            }
        }
        assertThat(Files.readString(victim)).isEqualTo("keep me");
    }

    /**
     * A writer that is not runstore's, Python's sqlite3 with a 5 s timeout, beside two runstore
     * processes queueing on the turn: it still gets in, every time, through SQLite's busy handling.
     */
    @Test
    void aPythonWriterBesideRunstoreProcessesNeverSeesDatabaseIsLocked() throws Exception {
        Path file = dir.resolve("shared.db");
        try (Database db = Database.open(file)) {
            Workloads.createTables(db);
            db.write(h -> h.execute("CREATE TABLE py (n INTEGER PRIMARY KEY)"));
        }
        for (int i = 0; i < 2; i++) {
            ChildJvm child = ChildJvm.start(file, "insert", "child-" + i, 600, dir.resolve("child-" + i + ".log"));
            children.add(child);
            child.awaitReady();
        }
        Process python = new ProcessBuilder(
                        PYTHON,
                        "-c",
                        String.join(
                                "\n",
                                "import sqlite3, sys",
                                "db = sqlite3.connect(sys.argv[1], timeout=5, isolation_level=None)",
                                "for n in range(1, 301):",
                                "    try:",
                                "        db.execute('BEGIN IMMEDIATE')",
                                "        db.execute('INSERT INTO py (n) VALUES (?)', (n,))",
                                "        db.execute('COMMIT')",
                                "    except sqlite3.OperationalError as e:",
                                "        print('failed', n, e, flush=True)",
                                "        sys.exit(1)",
                                "print('ok', n, flush=True)"),
                        file.toString())
                .redirectErrorStream(true)
                .start();
        children.forEach(child -> {
            try {
                child.go();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        String out = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(python.waitFor(120, TimeUnit.SECONDS)).isTrue();
        long childRows = 0;
        for (ChildJvm child : children) {
            childRows += child.awaitDone(120);
        }

        assertThat(out).isEqualTo("ok 300");
        try (Database db = Database.open(file)) {
            long result = db.read(h ->
                    h.createQuery("SELECT count(*) FROM py").mapTo(Long.class).one());
            assertThat(result).isEqualTo(300L);
            assertThat(childRows).isPositive();
        }
    }
}
