package dev.runstore.core.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runstore.core.db.Database;
import dev.runstore.core.db.DatabaseConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills an ingesting runstore process with SIGKILL at random moments, 20 times, and checks after
 * each kill that the file is intact and holds whole batches only; then ingests to the end.
 */
class CrashSafetyIT {
    static final int EVENTS = 30_000;
    static final int BATCH = 500;
    static final int KILLS = 20;

    @TempDir
    Path dir;

    @Test
    void sigkillAtRandomMomentsLosesNothingCommittedAndLeavesWholeBatches() throws Exception {
        Path db = dir.resolve("crash.db");
        Path input = writeInput();
        long seed = Long.getLong("runstore.crash.seed", System.nanoTime());
        Random random = new Random(seed);
        List<Long> storedAfterKill = new ArrayList<>();

        // Kill moments relative to how long a whole ingest takes on this machine: a fixed range
        // (it was 200-2500 ms) lets a fast machine finish before the first kill, and then no kill
        // lands mid-ingest at all.
        long whole = timeWholeIngest(input);
        for (int kill = 0; kill < KILLS; kill++) {
            Process ingest = start(db, input);
            long delay = whole / 10 + (long) (random.nextDouble() * whole * 8 / 10);
            boolean finished = ingest.waitFor(delay, TimeUnit.MILLISECONDS);
            if (!finished) {
                ingest.destroyForcibly(); // SIGKILL on Linux
                assertThat(ingest.waitFor(30, TimeUnit.SECONDS)).isTrue();
            }
            long stored = checkIntactWholeBatches(db, "seed " + seed + ", kill " + kill + " after " + delay + " ms");
            storedAfterKill.add(stored);
            if (stored == EVENTS) {
                break; // the ingest outran the killer: nothing left to interrupt
            }
        }

        Process last = start(db, input);
        assertThat(last.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(last.exitValue()).as("final ingest exit code").isZero();
        assertThat(checkIntactWholeBatches(db, "after the final ingest")).isEqualTo(EVENTS);
        try (Database read = Database.open(DatabaseConfig.builder(db).readOnly().build())) {
            String status = read.read(h -> h.createQuery("SELECT status FROM runs WHERE name = 'crash'")
                    .mapTo(String.class)
                    .one());
            assertThat(status).isEqualTo("succeeded");
        }
        assertThat(storedAfterKill)
                .as("stored counts after each kill (seed %d)", seed)
                .isSorted();
        assertThat(storedAfterKill.stream().filter(n -> n > 0 && n < EVENTS))
                .as("some kills landed mid-ingest (seed %d)", seed)
                .isNotEmpty();
    }

    /** Milliseconds a complete ingest of {@code input} into a new database takes here. */
    private long timeWholeIngest(Path input) throws Exception {
        long started = System.nanoTime();
        Process timing = start(dir.resolve("timing.db"), input);
        assertThat(timing.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(timing.exitValue()).as("timing ingest exit code").isZero();
        return Math.max(200, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
    }

    /** integrity_check ok; stored seqs are 1..n with n a whole number of batches. Returns n. */
    private static long checkIntactWholeBatches(Path db, String when) {
        if (!Files.exists(db)) {
            return 0;
        }
        try (Database read = Database.open(DatabaseConfig.builder(db).readOnly().build())) {
            List<String> integrity = read.read(h ->
                    h.createQuery("PRAGMA integrity_check").mapTo(String.class).list());
            assertThat(integrity).as("integrity_check %s", when).containsExactly("ok");
            boolean hasEvents = read.read(h -> h.createQuery(
                                    "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'events'")
                            .mapTo(Integer.class)
                            .one())
                    == 1;
            if (!hasEvents) {
                return 0;
            }
            long[] countAndMax = read.read(h -> h.createQuery(
                            "SELECT count(*), coalesce(max(seq), 0), coalesce(min(seq), 1)" + " FROM events")
                    .map((rs, ctx) -> new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3)})
                    .one());
            assertThat(countAndMax[2]).as("first seq %s", when).isEqualTo(1);
            assertThat(countAndMax[1]).as("contiguous prefix %s", when).isEqualTo(countAndMax[0]);
            assertThat(countAndMax[0] % BATCH == 0 || countAndMax[0] == EVENTS)
                    .as("whole batches %s: %d stored", when, countAndMax[0])
                    .isTrue();
            return countAndMax[0];
        }
    }

    private Process start(Path db, Path input) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(
                        java,
                        "-jar",
                        CliJar.JAR.toString(),
                        "--db",
                        db.toString(),
                        "ingest",
                        "--run",
                        "crash",
                        "--batch",
                        Integer.toString(BATCH))
                .redirectInput(input.toFile())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(dir.resolve("ingest.err").toFile())
                .start();
    }

    private Path writeInput() throws IOException {
        StringBuilder lines = new StringBuilder();
        for (int seq = 1; seq <= EVENTS; seq++) {
            lines.append("{\"seq\":")
                    .append(seq)
                    .append(",\"ts\":\"2026-11-27T09:00:00.")
                    .append(String.format("%06d", seq % 1_000_000))
                    .append("Z\",\"level\":\"info\",\"kind\":\"k\",\"message\":\"event ")
                    .append(seq)
                    .append("\",\"payload\":{\"n\":")
                    .append(seq)
                    .append("}}\n");
        }
        Path input = dir.resolve("events.jsonl");
        Files.writeString(input, lines, StandardCharsets.UTF_8);
        return input;
    }
}
