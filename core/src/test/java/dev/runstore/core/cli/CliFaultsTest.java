package dev.runstore.core.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runstore.core.db.Database;
import dev.runstore.core.error.DbException;
import dev.runstore.core.migrate.Environment;
import dev.runstore.core.migrate.Migrator;
import dev.runstore.core.store.Events;
import dev.runstore.core.store.Level;
import dev.runstore.core.store.NewEvent;
import dev.runstore.core.store.NewRun;
import dev.runstore.core.store.Run;
import dev.runstore.core.store.Runs;
import dev.runstore.core.store.SampleData;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Faults and bad input through the CLI contract: each gets its exit code and a one-line error,
 * and the database file is unchanged afterwards.
 */
class CliFaultsTest {
    @TempDir
    Path dir;

    Path migrated() {
        Path db = dir.resolve("ok.db");
        try (Database database = Database.open(db)) {
            new Migrator(Environment.TEST).migrate(database);
            SampleData.fill(database, 2, 10);
        }
        return db;
    }

    record Outcome(int code, String err, boolean unchanged) {}

    Outcome run(Path file, String stdin, String... args) throws Exception {
        String before = Files.isRegularFile(file) ? CliCommandsTest.sha256(file) : null;
        List<String> all = new ArrayList<>(List.of("--db=" + file, "--busy-timeout=300"));
        all.addAll(List.of(args));
        Cli.Result result = new Cli().stdin(stdin).run(all.toArray(String[]::new));
        String after = Files.isRegularFile(file) ? CliCommandsTest.sha256(file) : null;
        assertThat(result.err()).as("stderr is one error line and maybe a hint").startsWith("error: ");
        assertThat(result.err().lines().count()).isLessThanOrEqualTo(2);
        return new Outcome(result.code(), result.err(), java.util.Objects.equals(before, after));
    }

    @Test
    void aTextFileIsIncompatibleForEveryCommandAndStaysAsItWas() throws Exception {
        Path text = dir.resolve("text.db");
        Files.writeString(text, "not a database, just some text ".repeat(100));

        for (String command : List.of("status", "counts", "runs", "events", "check", "migrate")) {
            Outcome outcome = run(text, "", command);
            assertThat(outcome.code()).as(command).isEqualTo(8);
            assertThat(outcome.unchanged()).as(command).isTrue();
        }
    }

    @Test
    void aZeroByteFileHasNoRunstoreSchemaToListAndStaysEmpty() throws Exception {
        Path empty = Files.createFile(dir.resolve("empty.db"));

        Outcome runs = run(empty, "", "runs");
        Outcome events = run(empty, "", "events");

        assertThat(runs.code()).isEqualTo(8);
        assertThat(runs.err()).contains("has no runstore schema yet");
        assertThat(events.code()).isEqualTo(8);
        assertThat(Files.size(empty)).isZero();
    }

    @Test
    void aDirectoryIsAUsageError() throws Exception {
        Path folder = Files.createDirectory(dir.resolve("folder.db"));

        Cli.Result result = new Cli().run("--db=" + folder, "migrate");

        assertThat(result.code()).isEqualTo(2);
        assertThat(result.err()).contains("is a folder, not a database file");
    }

    @Test
    void aTruncatedDatabaseIsIncompatibleAndNotRewritten() throws Exception {
        Path db = migrated();
        try (RandomAccessFile raw = new RandomAccessFile(db.toFile(), "rw")) {
            raw.setLength(raw.length() / 2);
        }

        Outcome outcome = run(db, "", "check");

        assertThat(outcome.code()).isIn(1, 8);
        assertThat(outcome.unchanged()).isTrue();
    }

    @Test
    void aDatabaseWithAMigrationNewerThanThisProgramIsRefusedUnchanged() throws Exception {
        Path db = migrated();
        try (Connection plain = DriverManager.getConnection("jdbc:sqlite:" + db);
                Statement sql = plain.createStatement()) {
            sql.execute(
                    "INSERT INTO flyway_schema_history (installed_rank, version, description, type, script, checksum,"
                            + " installed_by, installed_on, execution_time, success) VALUES (4, '9', 'from the future', 'SQL',"
                            + " 'V9__from_the_future.sql', 1, 'x', '2026-11-27 09:00:00', 1, 1)");
        }

        Outcome outcome = run(db, "", "migrate");

        assertThat(outcome.code()).isEqualTo(8);
        assertThat(outcome.err()).contains("newer than this program").contains("hint: ");
        assertThat(outcome.unchanged()).isTrue();
    }

    @Test
    void anExclusiveLockOfAnotherProcessIsBusyNotAHang() throws Exception {
        Path db = migrated();
        try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + db);
                Statement sql = other.createStatement()) {
            sql.execute("PRAGMA locking_mode = EXCLUSIVE");
            sql.execute("BEGIN EXCLUSIVE");
            long started = System.nanoTime();

            Outcome outcome = run(
                    db,
                    "{\"ts\":\"2026-11-27T09:00:00Z\",\"level\":\"info\",\"kind\":\"k\"}\n",
                    "ingest",
                    "--run",
                    "r");

            assertThat(outcome.code()).isEqualTo(5);
            assertThat((System.nanoTime() - started) / 1_000_000_000)
                    .as("seconds until the answer")
                    .isLessThan(20);
            sql.execute("ROLLBACK");
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "{\"ts\":\"2026-11-27T09:00:00Z\",\"level\":\"loud\",\"kind\":\"k\"}",
                "{\"ts\":\"2026-11-27T09:00:00\",\"level\":\"info\",\"kind\":\"k\"}",
                "{\"seq\":0,\"ts\":\"2026-11-27T09:00:00Z\",\"level\":\"info\",\"kind\":\"k\"}",
                "{\"ts\":\"2026-11-27T09:00:00Z\",\"level\":\"info\",\"kind\":\"k\",\"payload\":NaN}",
                "{\"ts\":\"2026-11-27T09:00:00Z\",\"level\":\"info\"}",
                "not json at all",
                "[1, 2]"
            })
    void anInvalidEventIsBadInputAndWritesNothing(String line) throws Exception {
        Path db = migrated();

        Outcome outcome = run(db, line + "\n", "ingest", "--run", "new-run");

        assertThat(outcome.code()).isEqualTo(7);
        assertThat(outcome.err()).startsWith("error: line 1: ");
        assertThat(outcome.unchanged()).isTrue();
    }

    @Test
    void aFullDatabaseFailsTheTransactionCleanlyAndKeepsEverythingBefore() {
        try (Database db = Database.open(dir.resolve("full.db"))) {
            new Migrator(Environment.TEST).migrate(db);
            Run run = new Runs(db).create(new NewRun("r", "s", Map.of(), Instant.now()));
            Events events = new Events(db);
            events.append(run.id(), List.of(new NewEvent(1, Instant.now(), Level.INFO, "k", "fits", null)));
            long pages = db.read(
                    h -> h.createQuery("PRAGMA page_count").mapTo(Long.class).one());
            db.useWrite(h -> h.execute("PRAGMA max_page_count = " + (pages + 2)));
            List<NewEvent> tooMuch = new ArrayList<>();
            for (int seq = 2; seq < 3_000; seq++) {
                tooMuch.add(new NewEvent(seq, Instant.now(), Level.INFO, "k", "x".repeat(500), null));
            }

            org.assertj.core.api.Assertions.assertThatThrownBy(() -> events.append(run.id(), tooMuch))
                    .isInstanceOf(DbException.class)
                    .hasMessageContaining("is full")
                    .hasMessageContaining("nothing of this transaction was written");

            int stored = db.read(h -> h.createQuery("SELECT count(*) FROM events")
                    .mapTo(Integer.class)
                    .one());
            String integrity = db.read(h ->
                    h.createQuery("PRAGMA integrity_check").mapTo(String.class).one());
            assertThat(stored).isEqualTo(1);
            assertThat(integrity).isEqualTo("ok");
        }
    }

    @Test
    void hostileTableNamesAreCountedAndChecked() throws Exception {
        Path db = migrated();
        List<String> hostile = List.of("x\"; DROP TABLE runs; --", "ta'ble", "表 🚀", "select");
        try (Connection plain = DriverManager.getConnection("jdbc:sqlite:" + db);
                Statement sql = plain.createStatement()) {
            for (String name : hostile) {
                String quoted = "\"" + name.replace("\"", "\"\"") + "\"";
                sql.execute("CREATE TABLE " + quoted + " (v INTEGER)");
                sql.execute("INSERT INTO " + quoted + " VALUES (1)");
            }
        }

        var counts = CliCommandsTest.json(new Cli().run("--db=" + db, "counts", "--json"));

        for (String name : hostile) {
            assertThat(counts.get(name).asLong()).as(name).isEqualTo(1);
        }
        assertThat(counts.get("runs").asLong()).isEqualTo(2);
        assertThat(new Cli().run("--db=" + db, "check").code()).isZero();
    }

    @Test
    void backupRefusesTargetsOutsideTheDatabaseFolderAndSymlinks() throws Exception {
        Path db = migrated();
        Path elsewhere = Files.createTempDirectory("runstore-elsewhere");
        Path link = dir.resolve("link.db");
        Files.createSymbolicLink(link, elsewhere.resolve("target.db"));

        Cli.Result outside = new Cli()
                .run(
                        "--db=" + db,
                        "backup",
                        "--to",
                        elsewhere.resolve("copy.db").toString());
        Cli.Result viaLink = new Cli().run("--db=" + db, "backup", "--to", link.toString());
        Cli.Result traversal = new Cli()
                .run(
                        "--db=" + db,
                        "backup",
                        "--to",
                        dir.resolve("../escaped.db").toString());

        assertThat(outside.code()).isEqualTo(6);
        assertThat(outside.err()).contains("outside the database's folder");
        assertThat(viaLink.code()).isIn(4, 6);
        assertThat(traversal.code()).isEqualTo(6);
        try (Stream<Path> files = Files.list(elsewhere)) {
            assertThat(files).isEmpty();
        }
        assertThat(dir.resolveSibling("escaped.db")).doesNotExist();
    }

    @Test
    void resetRefusesASymlinkedPayloadFolderBeforeChangingAnything() throws Exception {
        Path db = migrated();
        Path elsewhere = Files.createTempDirectory("runstore-blobs-elsewhere");
        Files.writeString(elsewhere.resolve("precious.txt"), "keep");
        Files.createSymbolicLink(dir.resolve("ok.db.blobs"), elsewhere);
        String before = CliCommandsTest.sha256(db);

        Cli.Result result = new Cli().env("RUNSTORE_ALLOW_RESET", "1").run("--db=" + db, "reset", "--yes");

        assertThat(result.code()).isEqualTo(6);
        assertThat(result.err()).contains("symbolic link");
        assertThat(elsewhere.resolve("precious.txt")).hasContent("keep");
        assertThat(CliCommandsTest.sha256(db)).isEqualTo(before);
    }
}
