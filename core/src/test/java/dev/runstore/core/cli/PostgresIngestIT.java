package dev.runstore.core.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runstore.core.backend.Backend;
import dev.runstore.core.catalog.TableCounts;
import dev.runstore.core.db.Database;
import dev.runstore.core.db.DatabaseConfig;
import dev.runstore.core.store.Events;
import dev.runstore.core.store.Level;
import dev.runstore.core.store.NewEvent;
import dev.runstore.core.store.NewRun;
import dev.runstore.core.store.Run;
import dev.runstore.core.store.Runs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two runstore CLI processes and this JVM's threads ingest into one PostgreSQL database at once. */
class PostgresIngestIT {
    @TempDir
    Path dir;

    @Test
    void processesAndThreadsIngestConcurrentlyWithoutFailures() throws Exception {
        DatabaseConfig config =
                new Backend(dev.runstore.core.db.Dialect.POSTGRESQL).fresh(dir).build();
        try (Database db = Database.open(config)) {
            new dev.runstore.core.migrate.Migrator().migrate(db);
        }
        StringBuilder lines = new StringBuilder();
        for (int seq = 1; seq <= 5_000; seq++) {
            lines.append("{\"seq\":")
                    .append(seq)
                    .append(",\"ts\":\"2026-11-27T09:00:00Z\",\"level\":\"info\",\"kind\":\"k\"}\n");
        }
        Path input = Files.writeString(dir.resolve("events.jsonl"), lines);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<Process> processes = new ArrayList<>();
        for (int p = 0; p < 2; p++) {
            processes.add(new ProcessBuilder(
                            java,
                            "-jar",
                            CliJar.JAR.toString(),
                            "--db",
                            config.url(),
                            "ingest",
                            "--run",
                            "process-" + p,
                            "--batch",
                            "100")
                    .directory(dir.toFile())
                    .redirectInput(input.toFile())
                    .redirectError(dir.resolve("p" + p + ".err").toFile())
                    .start());
        }
        try (Database db = Database.open(config)) {
            List<Thread> threads = new ArrayList<>();
            List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
            for (int t = 0; t < 2; t++) {
                Run run = new Runs(db).create(new NewRun("thread-" + t, "test", Map.of(), Instant.now()));
                Thread thread = new Thread(() -> {
                    Events events = new Events(db);
                    for (int b = 0; b < 50; b++) {
                        List<NewEvent> batch = new ArrayList<>();
                        for (int i = 1; i <= 100; i++) {
                            batch.add(new NewEvent(b * 100L + i, Instant.now(), Level.INFO, "k", "m", null));
                        }
                        try {
                            events.append(run.id(), batch);
                        } catch (RuntimeException e) {
                            failures.add(e);
                        }
                    }
                });
                thread.start();
                threads.add(thread);
            }
            for (Thread thread : threads) {
                thread.join(120_000);
            }
            for (int p = 0; p < processes.size(); p++) {
                assertThat(processes.get(p).waitFor(180, TimeUnit.SECONDS)).isTrue();
                assertThat(processes.get(p).exitValue())
                        .as(Files.readString(dir.resolve("p" + p + ".err")))
                        .isZero();
            }
            assertThat(failures).isEmpty();
            assertThat(TableCounts.of(db)).containsEntry("events", 4L * 5_000).containsEntry("runs", 4L);
        }
    }
}
