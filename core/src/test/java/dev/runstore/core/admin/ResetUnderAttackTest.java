package dev.runstore.core.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runstore.core.db.Database;
import dev.runstore.core.error.OperationRefusedException;
import dev.runstore.core.migrate.Environment;
import dev.runstore.core.migrate.Migrator;
import dev.runstore.core.store.SampleData;
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
        ResetResult result;
        Set<Long> committed;
        String stopped;
        try (PythonWriter python = PythonWriter.start(db, 200)) {
            try (Database database = Database.open(db)) {
                result = Reset.run(database, true);
            }
            stopped = python.awaitStop();
            committed = python.committed();
        }

        assertThat(stopped).startsWith("stopped").contains("no such table");
        Set<Long> lost = new HashSet<>(committed);
        lost.removeAll(ticks(result.backup()));
        assertThat(lost)
                .as("rows committed by the other process but in neither the backup nor the database")
                .isEmpty();
        assertThat(committed).hasSizeGreaterThan(200);
    }

    static Set<Long> ticks(Path db) throws Exception {
        Set<Long> ticks = new HashSet<>();
        try (Connection backup = DriverManager.getConnection("jdbc:sqlite:" + db);
                Statement sql = backup.createStatement();
                ResultSet rows = sql.executeQuery("SELECT n FROM ticks")) {
            while (rows.next()) {
                ticks.add(rows.getLong(1));
            }
        }
        return ticks;
    }

    static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }
}
