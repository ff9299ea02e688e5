package dev.runstore.core.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runstore.core.db.Database;
import dev.runstore.core.migrate.Environment;
import dev.runstore.core.migrate.Migrator;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A full disk at each file runstore writes: the database and its WAL, a backup, a payload blob. On
 * a real, small file system (RUNSTORE_TEST_FULL_FS names one; .ci/run mounts a 64 MiB tmpfs), each
 * fails with one clear line, keeps what was committed, and leaves no half-written file.
 */
class FullDiskTest {
    static final String VARIABLE = "RUNSTORE_TEST_FULL_FS";

    /**
     * Room the retry after freeing the space needs: the 8 MB database the ingest test ends with, and
     * the WAL beside it. The checkpointer starts the WAL over at about 16 MB (Checkpointer.
     * RESTART_PAGES), but a restart that does not get its turn waits, so only the writer's backstop
     * (BACKSTOP_PAGES, about 40 MB) bounds it for sure. On 16 MiB the retry failed as "database is
     * full" whenever SQLite happened not to start the WAL over by itself early in that ingest.
     */
    static final long LEAST_SPACE = 48L << 20;

    /** The tests fill the file system: never a real disk named by mistake. */
    static final long MOST_SPACE = 256L << 20;

    Path dir;
    Path filler;

    @BeforeEach
    void smallFileSystem() throws Exception {
        String root = System.getenv(VARIABLE);
        Assumptions.assumeTrue(
                root != null && !root.isBlank(), VARIABLE + " names no small file system (.ci/run mounts one)");
        assertThat(Files.getFileStore(Path.of(root)).getTotalSpace())
                .as(VARIABLE + "=" + root + " must be a small file system of 48 to 256 MiB (the tests fill it;"
                        + " the database and its WAL's bound must fit)")
                .isBetween(LEAST_SPACE, MOST_SPACE);
        dir = Files.createTempDirectory(Path.of(root), "full");
        filler = dir.resolve("filler");
    }

    @AfterEach
    void clean() throws Exception {
        if (dir != null) {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path path :
                        files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(path);
                }
            }
        }
    }

    /** Takes all but {@code leaveBytes} of the file system's free space. */
    private void leaveFree(long leaveBytes) throws Exception {
        long free = Files.getFileStore(dir).getUsableSpace();
        try (RandomAccessFile file = new RandomAccessFile(filler.toFile(), "rw")) {
            byte[] chunk = new byte[64 * 1024];
            long toWrite = Math.max(0, free - leaveBytes);
            while (toWrite > 0) {
                int n = (int) Math.min(chunk.length, toWrite);
                file.write(chunk, 0, n);
                toWrite -= n;
            }
        }
    }

    private Path migrated(String name) {
        Path db = dir.resolve(name);
        try (Database database = Database.open(db)) {
            new Migrator(Environment.TEST).migrate(database);
        }
        return db;
    }

    private static String lines(int from, int to, int messageLength) {
        StringBuilder lines = new StringBuilder();
        for (int seq = from; seq <= to; seq++) {
            lines.append("{\"seq\":")
                    .append(seq)
                    .append(",\"ts\":\"2026-11-27T09:00:00Z\",\"level\":\"info\",\"kind\":\"k\",\"message\":\"")
                    .append("m".repeat(messageLength))
                    .append("\"}\n");
        }
        return lines.toString();
    }

    @Test
    void ingestOntoAFullDiskStopsWithOneLineAndKeepsWholeBatches() throws Exception {
        Path db = migrated("ingest.db");
        leaveFree(256 * 1024);
        String input = lines(1, 5_000, 1_000);

        Cli.Result full = new Cli().stdin(input).run("--db=" + db, "ingest", "--run", "r", "--batch", "100");

        assertThat(full.code()).as(full.err()).isNotZero();
        assertThat(full.err()).startsWith("error: ").containsAnyOf("full", "disk");
        assertThat(full.err().lines().filter(l -> l.startsWith("error: "))).hasSize(1);
        List<Long> stored = StoredSeqs.of(db);
        assertThat(stored.size() % 100).as("only whole batches are stored").isZero();
        assertThat(stored.size()).isLessThan(5_000);

        Files.delete(filler);
        Cli.Result again = new Cli().stdin(input).run("--db=" + db, "ingest", "--run", "r", "--batch", "100");
        Cli.Result check = new Cli().run("--db=" + db, "check");
        assertThat(again.code()).as(again.err()).isZero();
        assertThat(StoredSeqs.of(db)).hasSize(5_000);
        assertThat(check.code()).as(check.out()).isZero();
    }

    @Test
    void aBackupThatDoesNotFitLeavesNoHalfWrittenFile() throws Exception {
        Path db = migrated("big.db");
        assertThat(new Cli()
                        .stdin(lines(1, 3_000, 1_000))
                        .run("--db=" + db, "ingest", "--run", "r")
                        .code())
                .isZero();
        leaveFree(512 * 1024);
        String before = CliCommandsTest.sha256(db);

        Cli.Result backup = new Cli()
                .run("--db=" + db, "backup", "--to", dir.resolve("copy.db").toString());

        assertThat(backup.code()).as(backup.err()).isNotZero();
        assertThat(backup.err()).startsWith("error: ");
        assertThat(dir.resolve("copy.db")).doesNotExist();
        assertThat(dir.resolve("copy.db.blobs")).doesNotExist();
        assertThat(CliCommandsTest.sha256(db)).isEqualTo(before);
        Files.delete(filler);
        assertThat(new Cli()
                        .run(
                                "--db=" + db,
                                "backup",
                                "--to",
                                dir.resolve("copy.db").toString())
                        .code())
                .isZero();
    }

    @Test
    void aPayloadBlobThatDoesNotFitStoresNothingAndLeavesNoTempFile() throws Exception {
        Path db = migrated("blob.db");
        leaveFree(100 * 1024);
        String line =
                "{\"seq\":1,\"ts\":\"2026-11-27T09:00:00Z\",\"level\":\"info\",\"kind\":\"k\",\"payload\":{\"big\":\""
                        + "p".repeat(400 * 1024) + "\"}}\n";

        Cli.Result result = new Cli().stdin(line).run("--db=" + db, "ingest", "--run", "r");

        assertThat(result.code()).as(result.err()).isNotZero();
        assertThat(result.err()).startsWith("error: cannot write payload blob").contains("check free space");
        assertThat(StoredSeqs.of(db)).isEmpty();
        Path blobs = dir.resolve("blob.db.blobs");
        if (Files.exists(blobs)) {
            try (Stream<Path> left = Files.walk(blobs)) {
                assertThat(left.filter(Files::isRegularFile)).isEmpty();
            }
        }
    }
}
