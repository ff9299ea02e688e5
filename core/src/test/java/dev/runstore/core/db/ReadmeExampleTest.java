package dev.runstore.core.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's example, as written there, so the README cannot drift from the API. */
class ReadmeExampleTest {
    @TempDir
    Path dir;

    @Test
    void theReadmeExampleRunsAsWritten() {
        long notes;
        // -- as in README.md, with the path moved into the test's folder --
        try (Database db = Database.open(dir.resolve("runstore.db"))) {
            db.useWrite(
                    h -> h.execute("CREATE TABLE IF NOT EXISTS notes (id INTEGER PRIMARY KEY, text TEXT NOT NULL)"));
            db.useWrite(h -> h.execute("INSERT INTO notes (text) VALUES (?)", "hello"));
            notes = db.read(h -> h.createQuery("SELECT count(*) FROM notes")
                    .mapTo(Long.class)
                    .one());
        }
        assertThat(notes).isEqualTo(1);
    }
}
