package dev.runstore.core.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runstore.core.admin.Listings;
import dev.runstore.core.admin.RunSummary;
import dev.runstore.core.backend.Backend;
import dev.runstore.core.catalog.TableCounts;
import dev.runstore.core.db.AccessMode;
import dev.runstore.core.db.Database;
import dev.runstore.core.db.DatabaseConfig;
import dev.runstore.core.db.Dialect;
import dev.runstore.core.migrate.Migrator;
import dev.runstore.core.store.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Eight {@code runstore ingest} processes, 10,000 events each at batch sizes 1, 10, 100 and 500
 * (two processes per size, each its own run), into one PostgreSQL database, while readers in this
 * JVM and child {@code runstore counts}/{@code events} processes read in a loop until the last
 * writer exits. Nothing may fail, and every run must hold exactly seqs 1..10,000.
 */
class PostgresScaleIT {
    private static final int EVENTS_PER_PROCESS = 10_000;
    private static final int[] BATCHES = {1, 10, 100, 500};
    private static final int PROCESSES_PER_BATCH = 2;
    private static final int PROCESSES = BATCHES.length * PROCESSES_PER_BATCH;
    private static final int TOTAL = PROCESSES * EVENTS_PER_PROCESS;

    @TempDir
    Path dir;

    @Test
    void eightIngestProcessesAndReadersAtOnceWithoutAFailure() throws Exception {
        long started = System.nanoTime();
        DatabaseConfig config = new Backend(Dialect.POSTGRESQL).fresh(dir).build();
        try (Database db = Database.open(config)) {
            new Migrator().migrate(db);
        }
        Path input = dir.resolve("events.jsonl");
        StringBuilder lines = new StringBuilder();
        for (int seq = 1; seq <= EVENTS_PER_PROCESS; seq++) {
            lines.append("{\"seq\":")
                    .append(seq)
                    .append(",\"ts\":\"2026-11-27T09:00:00Z\",\"level\":\"")
                    .append(seq % 100 == 0 ? "error" : "info")
                    .append("\",\"kind\":\"scale\",\"message\":\"event ")
                    .append(seq)
                    .append("\"}\n");
        }
        Files.writeString(input, lines, StandardCharsets.UTF_8);

        Map<String, Process> writers = new LinkedHashMap<>();
        long writersStarted = System.nanoTime();
        for (int batch : BATCHES) {
            for (int copy = 0; copy < PROCESSES_PER_BATCH; copy++) {
                String run = "batch-" + batch + "-" + copy;
                ProcessBuilder builder = new ProcessBuilder(
                                CliJar.java(),
                                "-jar",
                                CliJar.JAR.toString(),
                                "--db",
                                config.url(),
                                "ingest",
                                "--run",
                                run,
                                "--batch",
                                Integer.toString(batch))
                        .directory(dir.toFile())
                        .redirectInput(input.toFile())
                        .redirectOutput(dir.resolve(run + ".out").toFile())
                        .redirectError(dir.resolve(run + ".err").toFile());
                builder.environment().remove("RUNSTORE_DB");
                builder.environment().put("LANG", "C");
                builder.environment().put("TZ", "Asia/Kathmandu");
                writers.put(run, builder.start());
            }
        }

        AtomicBoolean writing = new AtomicBoolean(true);
        List<String> readFailures = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger readsWhileWriting = new AtomicInteger();
        List<Thread> readers = new ArrayList<>();
        try (Database reading = Database.open(config.withMode(AccessMode.READ_ONLY))) {
            for (int r = 0; r < 2; r++) {
                readers.add(start("reader-" + r, () -> {
                    long lastEvents = 0;
                    while (writing.get()) {
                        try {
                            long events = TableCounts.of(reading).get("events");
                            // Each read sees a committed state, and commits only add events.
                            if (events < lastEvents || events > TOTAL) {
                                readFailures.add("events went from " + lastEvents + " to " + events);
                            }
                            lastEvents = events;
                            List<RunSummary> runs = Listings.recentRuns(reading, Optional.empty(), 20);
                            Listings.recentEvents(reading, Optional.empty(), Level.DEBUG, 50);
                            // A run is read by name only once it is listed: before that, NotFound is right.
                            for (RunSummary listed : runs) {
                                Listings.recentEvents(
                                        reading, Optional.of(listed.run().name()), Level.ERROR, 50);
                            }
                            readsWhileWriting.incrementAndGet();
                        } catch (RuntimeException | AssertionError e) {
                            readFailures.add(e.toString());
                        }
                        // A reader that polls, as a console or a dashboard does: without a pause two
                        // tight count(*) loops on 2 cores slowed the writers fivefold.
                        java.util.concurrent.locks.LockSupport.parkNanos(20_000_000L);
                    }
                }));
            }
            CliJar cli = new CliJar(dir);
            AtomicInteger childReads = new AtomicInteger();
            readers.add(start("child-reader", () -> {
                while (writing.get()) {
                    try {
                        CliJar.Run counts = cli.run("--db", config.url(), "counts", "--json");
                        CliJar.Run events = cli.run("--db", config.url(), "events", "--limit", "20", "--json");
                        for (CliJar.Run run : List.of(counts, events)) {
                            if (run.code() != 0 || !run.err().isEmpty()) {
                                readFailures.add("exit " + run.code() + ": " + run.err());
                            }
                        }
                        long stored = counts.json().get("events").asLong();
                        if (stored > TOTAL) {
                            readFailures.add("counts says " + stored + " events");
                        }
                        events.json();
                        childReads.incrementAndGet();
                    } catch (RuntimeException | AssertionError e) {
                        readFailures.add(e.toString());
                    }
                }
            }));

            Map<String, Double> writerSeconds = Collections.synchronizedMap(new LinkedHashMap<>());
            writers.forEach((run, process) -> process.onExit()
                    .thenRun(() ->
                            writerSeconds.put(run, Math.round((System.nanoTime() - writersStarted) / 1e8) / 10.0)));
            for (Map.Entry<String, Process> writer : writers.entrySet()) {
                assertThat(writer.getValue().waitFor(10, TimeUnit.MINUTES))
                        .as("%s finished", writer.getKey())
                        .isTrue();
            }
            double writeSeconds = (System.nanoTime() - writersStarted) / 1e9;
            writing.set(false);
            for (Thread reader : readers) {
                reader.join(TimeUnit.MINUTES.toMillis(3));
                assertThat(reader.isAlive()).as("%s stopped", reader.getName()).isFalse();
            }

            for (Map.Entry<String, Process> writer : writers.entrySet()) {
                String run = writer.getKey();
                String err = Files.readString(dir.resolve(run + ".err"));
                assertThat(writer.getValue().exitValue())
                        .as("%s exit code; stderr: %s", run, err)
                        .isZero();
                assertThat(err).as("%s stderr", run).isEmpty();
                assertThat(Files.readString(dir.resolve(run + ".out")))
                        .isEqualTo("run " + run + ": " + EVENTS_PER_PROCESS + " inserted, 0 skipped\n");
            }
            assertThat(readFailures).isEmpty();
            // Readers that never overlapped the writers would prove nothing.
            assertThat(readsWhileWriting.get()).as("reads in this JVM").isPositive();
            assertThat(childReads.get()).as("child reader rounds").isPositive();

            assertThat(storedPerRun(config))
                    .containsOnlyKeys(writers.keySet())
                    .allSatisfy((run, stored) -> assertThat(stored)
                            .as(run)
                            .isEqualTo(new Stored(EVENTS_PER_PROCESS, EVENTS_PER_PROCESS, 1, EVENTS_PER_PROCESS)));
            assertThat(TableCounts.of(reading))
                    .containsEntry("events", (long) TOTAL)
                    .containsEntry("runs", (long) PROCESSES);
            System.out.printf(
                    Locale.ROOT,
                    "PostgresScaleIT: %d processes x %,d events written in %.1f s (%,.0f events/s), %d in-JVM"
                            + " read rounds, %d child read rounds; each writer done after (s): %s; whole test %.1f s%n",
                    PROCESSES,
                    EVENTS_PER_PROCESS,
                    writeSeconds,
                    TOTAL / writeSeconds,
                    readsWhileWriting.get(),
                    childReads.get(),
                    writerSeconds,
                    (System.nanoTime() - started) / 1e9);
        }
    }

    /** What one run holds: its events, distinct seqs and their range. */
    record Stored(long events, long distinctSeqs, long minSeq, long maxSeq) {}

    /** Read with plain JDBC, not through runstore, so the check does not trust the code under test. */
    private static Map<String, Stored> storedPerRun(DatabaseConfig config) throws Exception {
        Map<String, Stored> stored = new LinkedHashMap<>();
        try (Connection plain = DriverManager.getConnection(config.url());
                Statement sql = plain.createStatement();
                ResultSet rs = sql.executeQuery("SELECT r.name, count(e.id), count(DISTINCT e.seq), min(e.seq),"
                        + " max(e.seq) FROM runs r LEFT JOIN events e ON e.run_id = r.id GROUP BY r.name")) {
            while (rs.next()) {
                stored.put(rs.getString(1), new Stored(rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5)));
            }
        }
        return stored;
    }

    private static Thread start(String name, Runnable loop) {
        Thread thread = new Thread(loop, name);
        thread.start();
        return thread;
    }
}
