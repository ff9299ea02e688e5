package dev.runstore.core.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runstore.core.db.Database;
import dev.runstore.core.error.OperationRefusedException;
import dev.runstore.core.migrate.Environment;
import dev.runstore.core.migrate.Migrator;
import dev.runstore.core.store.SampleData;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The reset's promises against hostile markers and a writer of another process. */
class ResetUnderAttackTest {
    @TempDir
    Path dir;

    private Path migrated(Environment environment) {
        Path db = dir.resolve("reset.db");
        try (Database database = Database.open(db)) {
            new Migrator(environment).migrate(database);
            SampleData.fill(database, 2, 5);
        }
        return db;
    }

    private static void setMarker(Path db, String value) throws Exception {
        try (Connection plain = DriverManager.getConnection("jdbc:sqlite:" + db);
                Statement sql = plain.createStatement()) {
            if (value == null) {
                sql.execute("DELETE FROM runstore_meta WHERE key = 'environment'");
            } else {
                sql.execute("UPDATE runstore_meta SET value = '" + value.replace("'", "''")
                        + "' WHERE key = 'environment'");
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"Production", " production", "PRODUCTION", "prod", "production\n", "", "staging", "dev"})
    void anyMarkerButExactlyDevelopmentOrTestIsRefusedAndNothingChanges(String marker) throws Exception {
        Path db = migrated(Environment.PRODUCTION);
        setMarker(db, marker);
        String before = sha256(db);

        try (Database database = Database.open(db)) {
            assertThatThrownBy(() -> Reset.run(database, true)).isInstanceOf(OperationRefusedException.class);
        }

        assertThat(sha256(db)).isEqualTo(before);
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(name -> name.contains(".bak-"));
        }
    }

    @Test
    void aDatabaseWithoutAMarkerIsRefused() throws Exception {
        Path db = migrated(Environment.DEVELOPMENT);
        setMarker(db, null);

        try (Database database = Database.open(db)) {
            assertThat(Reset.refusal(database, true)).contains("has no environment marker");
            assertThatThrownBy(() -> Reset.run(database, true)).isInstanceOf(OperationRefusedException.class);
        }
    }

    /**
     * A real Python sqlite3 writer commits a row every half millisecond throughout the reset; every
     * row it saw committed must be in the backup (after the reset its table is gone, so it stops).
     */
    @Test
    void everyCommitOfAnotherProcessIsInTheBackupOrWasRefused() throws Exception {
        Path db = migrated(Environment.TEST);
        try (Database database = Database.open(db)) {
            database.useWrite(h -> h.execute("CREATE TABLE ticks (n INTEGER PRIMARY KEY)"));
        }
        String script = String.join(
                "\n",
                "import sqlite3, sys, time",
                "db = sqlite3.connect(sys.argv[1], timeout=30, isolation_level=None)",
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
        Process python = new ProcessBuilder(PYTHON, "-c", script, db.toString())
                .redirectErrorStream(true)
                .start();
        BufferedReader out = new BufferedReader(new InputStreamReader(python.getInputStream(), StandardCharsets.UTF_8));
        assertThat(out.readLine()).isEqualTo("ready");
        Set<Long> committed = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            committed.add(Long.parseLong(out.readLine())); // it is writing before the reset starts
        }

        ResetResult result;
        try (Database database = Database.open(db)) {
            result = Reset.run(database, true);
        }
        String last = null;
        for (String line; (line = out.readLine()) != null; last = line) {
            if (!line.startsWith("stopped")) {
                committed.add(Long.parseLong(line));
            }
        }
        assertThat(python.waitFor(30, TimeUnit.SECONDS)).isTrue();

        assertThat(last).startsWith("stopped").contains("no such table");
        Set<Long> backedUp = new HashSet<>();
        try (Connection backup = DriverManager.getConnection("jdbc:sqlite:" + result.backup());
                Statement sql = backup.createStatement();
                ResultSet rows = sql.executeQuery("SELECT n FROM ticks")) {
            while (rows.next()) {
                backedUp.add(rows.getLong(1));
            }
        }
        Set<Long> lost = new HashSet<>(committed);
        lost.removeAll(backedUp);
        assertThat(lost)
                .as("rows committed by the other process but in neither the backup nor the database")
                .isEmpty();
        assertThat(committed).hasSizeGreaterThan(200);
    }

    static final String PYTHON = Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";

    static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }
}
