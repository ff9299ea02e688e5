package dev.runstore.core.db;

import dev.runstore.core.error.DbException;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Random;

/**
 * A child JVM for the cross-process tests. Opens the database with the default configuration,
 * prints {@code ready}, waits for a line on stdin (so all writers start together), runs its
 * transactions and prints {@code done rows=N failures=F}.
 *
 * <p>Arguments: database path, workload ({@code insert}, {@code read-then-write}, or {@code hold}: one
 * transaction that never ends, for a test to kill), writer name,
 * transaction count.
 */
public final class WriterProcess {
    private WriterProcess() {}

    public static void main(String[] args) throws Exception {
        Path path = Path.of(args[0]);
        String workload = args[1];
        String writer = args[2];
        int transactions = Integer.parseInt(args[3]);
        long rows = 0;
        int failures = 0;
        try (Database db = Database.open(path)) {
            System.out.println("ready");
            System.out.flush();
            new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            Random random = new Random(writer.hashCode());
            for (int tx = 0; tx < transactions; tx++) {
                if (workload.equals("hold")) {
                    // Holds the write turn inside an open transaction until it is killed.
                    db.write(h -> {
                        h.execute("CREATE TABLE IF NOT EXISTS held (writer TEXT)");
                        h.execute("INSERT INTO held VALUES (?)", writer);
                        System.out.println("holding");
                        System.out.flush();
                        Thread.sleep(120_000);
                        return null;
                    });
                }
                try {
                    if (workload.equals("insert")) {
                        rows += Workloads.insertBatch(db, writer, tx, random);
                    } else {
                        Workloads.readThenWrite(db, writer);
                        rows++;
                    }
                } catch (DbException e) {
                    failures++;
                    System.err.println("transaction " + tx + " failed: " + e.getMessage());
                }
            }
        }
        System.out.println("done rows=" + rows + " failures=" + failures);
        System.exit(failures == 0 ? 0 : 1);
    }
}
