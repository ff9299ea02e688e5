package dev.runstore.core.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runstore.core.error.IncompatibleDatabaseException;
import dev.runstore.core.error.NotFoundException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.HexFormat;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReadOnlyModeTest {
    @TempDir
    Path dir;

    Path file;

    @BeforeEach
    void createDatabaseWithOneRow() {
        file = dir.resolve("inspect.db");
        try (Database db = Database.open(file)) {
            Workloads.createTables(db);
            db.useWrite(h -> h.execute("INSERT INTO counters (seq, writer) VALUES (1, 'setup')"));
        }
    }

    @Test
    void writeOnAReadOnlyDatabaseFailsWithAClearMessage() {
        try (Database db = Database.open(DatabaseConfig.builder(file).readOnly().build())) {
            assertThat(db.isReadOnly()).isTrue();
            assertThatThrownBy(() -> db.useWrite(h -> h.execute("DELETE FROM counters")))
                    .isInstanceOf(IncompatibleDatabaseException.class)
                    .hasMessageContaining("opened read-only")
                    .hasMessageContaining(file.toString());
            assertThat(Workloads.count(db, "counters")).isEqualTo(1);
        }
    }

    @Test
    void aWriteStatementSmuggledIntoAReadFailsAndChangesNothing() {
        try (Database db = Database.open(DatabaseConfig.builder(file).readOnly().build())) {
            assertThatThrownBy(() -> db.useRead(h -> h.execute("DELETE FROM counters")))
                    .isInstanceOf(IncompatibleDatabaseException.class)
                    .hasMessageContaining("read-only");
            assertThat(Workloads.count(db, "counters")).isEqualTo(1);
        }
    }

    @Test
    void readsOfAReadWriteDatabaseCannotWriteEither() {
        try (Database db = Database.open(file)) {
            assertThatThrownBy(() -> db.useRead(h -> h.execute("DELETE FROM counters")))
                    .isInstanceOf(IncompatibleDatabaseException.class);
            assertThat(Workloads.count(db, "counters")).isEqualTo(1);
        }
    }

    @Test
    void openingAMissingFileReadOnlyFailsNamingThePathAndCreatesNothing() {
        Path missing = dir.resolve("no-such.db");

        assertThatThrownBy(() ->
                        Database.open(DatabaseConfig.builder(missing).readOnly().build()))
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining(missing.toString())
                .hasMessageContaining("does not exist");
        assertThat(missing).doesNotExist();
        assertThat(dir.resolve("no-such.db-wal")).doesNotExist();
    }

    @Test
    void readingReadOnlyLeavesTheFileBytesUnchanged() throws Exception {
        String before = sha256(file);
        try (Database db = Database.open(DatabaseConfig.builder(file).readOnly().build())) {
            assertThat(Workloads.count(db, "counters")).isEqualTo(1);
        }
        assertThat(sha256(file)).isEqualTo(before);
    }

    @Test
    void aRollbackJournalDatabaseOpensReadOnlyAndKeepsItsJournalMode() throws Exception {
        Path other = dir.resolve("rollback.db");
        try (Connection plain = DriverManager.getConnection("jdbc:sqlite:" + other);
                Statement sql = plain.createStatement()) {
            sql.execute("CREATE TABLE t (x INTEGER)");
            sql.execute("INSERT INTO t VALUES (1)");
        }
        String before = sha256(other);

        try (Database db =
                Database.open(DatabaseConfig.builder(other).readOnly().build())) {
            String journalMode = db.read(h ->
                    h.createQuery("PRAGMA journal_mode").mapTo(String.class).one());
            assertThat(journalMode).isEqualTo("delete");
            assertThat(Workloads.count(db, "t")).isEqualTo(1);
        }
        assertThat(sha256(other)).isEqualTo(before);
    }

    private static String sha256(Path path) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(path)));
    }
}
