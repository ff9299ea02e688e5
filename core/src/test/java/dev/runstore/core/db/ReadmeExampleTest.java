package dev.runstore.core.db;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runstore.core.migrate.Migrator;
import dev.runstore.core.store.Events;
import dev.runstore.core.store.Level;
import dev.runstore.core.store.NewEvent;
import dev.runstore.core.store.NewRun;
import dev.runstore.core.store.Run;
import dev.runstore.core.store.Runs;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's example, as written there, so the README cannot drift from the API. */
class ReadmeExampleTest {
    @TempDir
    Path dir;

    @Test
    void theReadmeRepositoryExampleRunsAsWritten() {
        List<Run> recent;
        // -- as in README.md, with the path moved into the test's folder --
        try (Database db = Database.open(dir.resolve("runstore.db"))) {
            new Migrator().migrate(db); // runs, events, indexes
            Run run = new Runs(db)
                    .create(new NewRun("nightly-2026-11-27", "ingester-1", Map.of("shards", 4), Instant.now()));
            new Events(db)
                    .append(
                            run.id(),
                            List.of(new NewEvent(
                                    1, Instant.now(), Level.INFO, "fetch", "page 1 fetched", Map.of("rows", 50))));
            recent = new Runs(db).listRecent(Optional.empty(), 20);
        }
        assertThat(recent).extracting(Run::name).containsExactly("nightly-2026-11-27");
    }

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
