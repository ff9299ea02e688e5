package dev.runstore.core.error;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runstore.core.db.Database;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jdbi.v3.core.JdbiException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each SQLite failure, raised for real on a file, arrives as its domain error. */
class ErrorTranslationTest {
    @TempDir
    Path dir;

    Path file;

    @BeforeEach
    void createSchema() {
        file = dir.resolve("errors.db");
        try (Database db = Database.open(file)) {
            db.useWrite(h -> {
                h.execute(
                        "CREATE TABLE runs (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE,"
                                + " status TEXT NOT NULL CONSTRAINT runs_status_check CHECK (status IN ('running', 'failed')))");
                h.execute("CREATE TABLE events (run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,"
                        + " seq INTEGER NOT NULL, PRIMARY KEY (run_id, seq))");
                h.execute("INSERT INTO runs (id, name, status) VALUES (1, 'nightly-2026-11-27', 'running')");
                h.execute("INSERT INTO events (run_id, seq) VALUES (1, 1)");
            });
        }
    }

    @Test
    void aDuplicateUniqueValueIsAConflictNamingTableAndColumn() {
        try (Database db = Database.open(file)) {
            assertThatThrownBy(() -> db.useWrite(
                            h -> h.execute("INSERT INTO runs (name, status) VALUES ('nightly-2026-11-27', 'running')")))
                    .isInstanceOfSatisfying(ConflictException.class, e -> {
                        assertThat(e.table()).isEqualTo("runs");
                        assertThat(e.columns()).containsExactly("name");
                        assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT);
                        assertThat(e.isRetryable()).isFalse();
                        assertThat(e.getCause()).isNotNull();
                    })
                    .hasMessage("a row with runs.name already exists (runs.name is unique); use another value or"
                            + " update the existing row");
        }
    }

    @Test
    void aDuplicateCompositePrimaryKeyIsAConflictNamingBothColumns() {
        try (Database db = Database.open(file)) {
            assertThatThrownBy(() -> db.useWrite(h -> h.execute("INSERT INTO events (run_id, seq) VALUES (1, 1)")))
                    .isInstanceOfSatisfying(
                            ConflictException.class,
                            e -> assertThat(e.columns()).containsExactly("run_id", "seq"));
        }
    }

    @Test
    void aMissingParentRowIsAForeignKeyConstraintFailure() {
        try (Database db = Database.open(file)) {
            assertThatThrownBy(() -> db.useWrite(h -> h.execute("INSERT INTO events (run_id, seq) VALUES (99, 1)")))
                    .isInstanceOfSatisfying(
                            ConstraintException.class,
                            e -> assertThat(e.kind()).isEqualTo(ConstraintException.Kind.FOREIGN_KEY))
                    .hasMessageContaining("write the referenced row first");
        }
    }

    @Test
    void aNullInANotNullColumnNamesTheColumn() {
        try (Database db = Database.open(file)) {
            assertThatThrownBy(() ->
                            db.useWrite(h -> h.execute("INSERT INTO runs (name, status) VALUES (NULL, 'failed')")))
                    .isInstanceOfSatisfying(ConstraintException.class, e -> {
                        assertThat(e.kind()).isEqualTo(ConstraintException.Kind.NOT_NULL);
                        assertThat(e.constraint()).isEqualTo("runs.name");
                    })
                    .hasMessage("runs.name must not be null (NOT NULL constraint); give it a value");
        }
    }

    @Test
    void aValueOutsideACheckNamesTheConstraint() {
        try (Database db = Database.open(file)) {
            assertThatThrownBy(() ->
                            db.useWrite(h -> h.execute("INSERT INTO runs (name, status) VALUES ('x', 'exploded')")))
                    .isInstanceOfSatisfying(ConstraintException.class, e -> {
                        assertThat(e.kind()).isEqualTo(ConstraintException.Kind.CHECK);
                        assertThat(e.constraint()).isEqualTo("runs_status_check");
                    });
        }
    }

    @Test
    void aFileThatIsNotADatabaseIsIncompatibleAndSaysSo() throws Exception {
        Path text = dir.resolve("notes.db");
        Files.writeString(text, "these are my notes, not a database ".repeat(200), StandardCharsets.UTF_8);

        assertThatThrownBy(() -> Database.open(text))
                .isInstanceOf(IncompatibleDatabaseException.class)
                .hasMessageContaining("is not a SQLite database");
        assertThat(Files.readString(text)).startsWith("these are my notes");
    }

    @Test
    void aCorruptPageIsIncompatibleAndSaysRestoreFromBackup() throws Exception {
        Path big = dir.resolve("corrupt.db");
        try (Database db = Database.open(big)) {
            db.useWrite(h -> {
                h.execute("CREATE TABLE t (x TEXT)");
                for (int i = 0; i < 400; i++) {
                    h.execute("INSERT INTO t VALUES (?)", "row " + i + " ".repeat(100));
                }
            });
        }
        try (RandomAccessFile raw = new RandomAccessFile(big.toFile(), "rw")) {
            raw.seek(4096 + 16); // inside page 2, the table's first page; page 1 (schema) stays valid
            raw.write(new byte[2048]);
            raw.seek(4096);
            raw.write(new byte[] {(byte) 0xff, (byte) 0xff});
        }

        try (Database db = Database.open(big)) {
            assertThatThrownBy(() -> db.read(h -> h.createQuery("SELECT count(*), max(x) FROM t")
                            .mapTo(String.class)
                            .list()))
                    .isInstanceOf(IncompatibleDatabaseException.class)
                    .hasMessageContaining("is corrupt")
                    .hasMessageContaining("restore it from a backup");
        }
    }

    @Test
    void invalidSqlIsADbExceptionAndNeverARawJdbiOrSqlException() {
        try (Database db = Database.open(file)) {
            assertThatThrownBy(() -> db.read(
                            h -> h.createQuery("SELEC 1").mapTo(Integer.class).one()))
                    .isInstanceOfSatisfying(DbException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.FAILED);
                        assertThat(e.getCause()).isInstanceOf(JdbiException.class);
                    })
                    .hasMessageContaining("syntax error");
        }
    }

    @Test
    void boundValuesNeverAppearInMessages() {
        String secret = "{\"token\":\"s3cr3t-payload\"}";
        try (Database db = Database.open(file)) {
            assertThatThrownBy(() -> db.useWrite(
                            h -> h.execute("INSERT INTO runs (id, name, status) VALUES (1, ?, 'x')", secret)))
                    .isInstanceOf(DbException.class)
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("s3cr3t"));
        }
    }

    @Test
    void conflictValuesLongerThan100CharactersAreElided() {
        String longName = "n".repeat(150);

        ConflictException e = ConflictException.of("runs", List.of("name"), List.of(longName), null);

        assertThat(e.values()).containsExactly("\"" + "n".repeat(100) + "…\"");
        assertThat(e.getMessage()).doesNotContain("n".repeat(101)).contains("n".repeat(100) + "…");
    }

    /** Jdbi's own refusals list the bindings, values and all: none of them may reach the message. */
    @Test
    void aJdbiFailureWithoutAnSqlCauseNeverQuotesTheBoundValues() {
        try (Database db = Database.open(file)) {
            assertThatThrownBy(() -> db.read(h -> h.createQuery("SELECT :wanted")
                            .bind("other", "secret-payload-value")
                            .mapTo(String.class)
                            .one()))
                    .isInstanceOfSatisfying(
                            DbException.class,
                            e -> assertThat(e.getCause())
                                    .isInstanceOf(JdbiException.class)
                                    .hasMessageContaining("secret-payload-value"))
                    .hasMessageNotContaining("secret-payload-value")
                    .hasMessageContaining("wanted");
        }
    }
}
