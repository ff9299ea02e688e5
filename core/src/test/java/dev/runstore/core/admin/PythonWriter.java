package dev.runstore.core.admin;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Another process writing the same file: a real Python sqlite3 program that commits one row of
 * {@code ticks(n)} every half millisecond (autocommit, 30 s busy timeout) and prints each n once
 * its commit returned, until the table is gone or it is stopped. What it printed is what it saw
 * committed: a maintenance operation must never lose any of it.
 */
final class PythonWriter implements AutoCloseable {
    static final String PYTHON = Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";

    private static final String SCRIPT = String.join(
            "\n",
            "import sqlite3, sys, time",
            "db = sqlite3.connect(sys.argv[1], timeout=30, isolation_level=None)",
            "db.execute('CREATE TABLE IF NOT EXISTS ticks (n INTEGER PRIMARY KEY)')",
            "print('ready', flush=True)",
            "n = 0",
            "while True:",
            "    n += 1",
            "    try:",
            "        db.execute('INSERT INTO ticks (n) VALUES (?)', (n,))",
            "    except sqlite3.OperationalError as e:",
            "        print('stopped', e, flush=True)",
            "        break",
            "    print(n, flush=True)",
            "    time.sleep(0.0005)");

    private final Process process;
    private final Set<Long> committed = ConcurrentHashMap.newKeySet();
    private final CountDownLatch ended = new CountDownLatch(1);
    private volatile String stoppedBecause;

    private PythonWriter(Path db) throws IOException {
        process = new ProcessBuilder(PYTHON, "-c", SCRIPT, db.toString())
                .redirectErrorStream(true)
                .start();
        BufferedReader out =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String first = out.readLine();
        if (!"ready".equals(first)) {
            throw new IllegalStateException("the Python writer did not start: " + first);
        }
        Thread reader = new Thread(() -> {
            try {
                for (String line; (line = out.readLine()) != null; ) {
                    if (line.startsWith("stopped")) {
                        stoppedBecause = line;
                    } else {
                        committed.add(Long.parseLong(line));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } finally {
                ended.countDown();
            }
        });
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts writing to {@code db} and returns once it has committed {@code atLeast} rows. */
    static PythonWriter start(Path db, int atLeast) throws Exception {
        PythonWriter writer = new PythonWriter(db);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (writer.committed.size() < atLeast && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        return writer;
    }

    /** The rows it saw committed so far. */
    Set<Long> committed() {
        return Set.copyOf(committed);
    }

    /** Waits for it to stop on its own (its table is gone) and says why it stopped. */
    String awaitStop() throws InterruptedException {
        ended.await(30, TimeUnit.SECONDS);
        process.waitFor(30, TimeUnit.SECONDS);
        return stoppedBecause;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        ended.await(30, TimeUnit.SECONDS);
        process.waitFor(30, TimeUnit.SECONDS);
    }
}
