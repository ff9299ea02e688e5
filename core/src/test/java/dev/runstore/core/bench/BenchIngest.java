package dev.runstore.core.bench;

import dev.runstore.core.admin.Ingest;
import dev.runstore.core.admin.IngestResult;
import dev.runstore.core.db.Database;
import dev.runstore.core.db.DatabaseConfig;
import dev.runstore.core.json.JsonLines;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;

/**
 * An ingest process for the engine comparison: runs {@link Ingest#run}, the code behind {@code
 * runstore ingest}, on JSON Lines generated until a deadline. It opens the database, ingests a
 * warm-up run, prints {@link #READY}, and waits for a line on stdin, so that every process of a
 * measurement starts writing at the same moment whatever its JVM start-up took; then it prints
 * {@link #RESULT} with the events it stored and the seconds from that line to the end of the
 * ingest. Arguments: database file or JDBC URL, run name, batch size, seconds.
 */
public final class BenchIngest {
    private BenchIngest() {}

    public static void main(String[] args) throws Exception {
        String location = args[0];
        String run = args[1];
        int batch = Integer.parseInt(args[2]);
        double seconds = Double.parseDouble(args[3]);
        try (Database db = Database.open(DatabaseConfig.forLocation(location).build())) {
            // Class loading and the JIT would otherwise eat the first seconds, and with eight JVMs
            // starting on two cores most of a short measurement: a warm-up run first, not counted.
            ingest(db, WARM_UP_PREFIX + run, 100, System.nanoTime() + 2_000_000_000L, WARM_UP_EVENTS);
            System.out.println(READY);
            System.out.flush();
            new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            long started = System.nanoTime();
            IngestResult result = ingest(db, run, batch, started + (long) (seconds * 1e9), Long.MAX_VALUE);
            System.out.println(RESULT + " " + result.inserted() + " " + (System.nanoTime() - started) / 1e9);
        }
    }

    /** What this process prints once it is ready, and before its result (other lines may come between). */
    static final String READY = "bench-ingest ready";

    static final String RESULT = "bench-ingest result";

    /** The prefix of the warm-up runs, which the benchmark leaves out of its counts. */
    static final String WARM_UP_PREFIX = "warm-up-";

    private static final int WARM_UP_EVENTS = 3_000;

    private static IngestResult ingest(Database db, String run, int batch, long deadline, long events) {
        return Ingest.run(
                db,
                run,
                "bench",
                Map.of(),
                batch,
                new JsonLines(new GeneratedLines(deadline, events)),
                Ingest.Progress.NONE,
                Clock.systemUTC());
    }

    /**
     * Event lines with seqs 1, 2, 3 …, produced as they are read, until the deadline or the last
     * seq: then EOF.
     */
    private static final class GeneratedLines extends InputStream {
        private final long deadline;
        private final long lastSeq;
        private byte[] line = new byte[0];
        private int position;
        private long seq;

        GeneratedLines(long deadline, long lastSeq) {
            this.deadline = deadline;
            this.lastSeq = lastSeq;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] into, int offset, int length) {
            if (position == line.length) {
                if (seq == lastSeq || System.nanoTime() >= deadline) {
                    return -1;
                }
                seq++;
                line = ("{\"seq\":" + seq + ",\"ts\":\"2026-11-27T09:00:00Z\",\"level\":\"info\",\"kind\":\"bench\","
                                + "\"message\":\"event " + seq + "\"}\n")
                        .getBytes(StandardCharsets.UTF_8);
                position = 0;
            }
            // One line per read, so the deadline is checked between lines, not once per 64 KiB.
            int n = Math.min(length, line.length - position);
            System.arraycopy(line, position, into, offset, n);
            position += n;
            return n;
        }
    }
}
