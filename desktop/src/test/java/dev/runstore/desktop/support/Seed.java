package dev.runstore.desktop.support;

import dev.runstore.core.db.Database;
import dev.runstore.core.migrate.Environment;
import dev.runstore.core.migrate.Migrator;
import dev.runstore.core.store.Events;
import dev.runstore.core.store.Level;
import dev.runstore.core.store.NewEvent;
import dev.runstore.core.store.NewRun;
import dev.runstore.core.store.Run;
import dev.runstore.core.store.RunStatus;
import dev.runstore.core.store.Runs;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A real database seeded through core: four runs (one per status) of 12 events each, every level,
 * one truncated message ("alpha" seq 3) and one out-of-line payload ("alpha" seq 4).
 */
public final class Seed {
    public static final Instant T0 = Instant.parse("2026-11-27T09:00:00Z");
    public static final List<String> RUNS = List.of("alpha", "beta", "gamma", "delta");

    private Seed() {}

    public static Path database(Path folder, String fileName, Environment environment) {
        Path file = folder.resolve(fileName);
        try (Database db = Database.open(file)) {
            new Migrator(environment).migrate(db);
            Runs runs = new Runs(db);
            Events events = new Events(db);
            RunStatus[] statuses = {RunStatus.SUCCEEDED, RunStatus.FAILED, RunStatus.RUNNING, RunStatus.CANCELLED};
            for (int r = 0; r < RUNS.size(); r++) {
                Run run = runs.create(new NewRun(RUNS.get(r), "seed", Map.of("index", r), T0.plusSeconds(r * 3600L)));
                List<NewEvent> batch = new ArrayList<>();
                for (int seq = 1; seq <= 12; seq++) {
                    Level level = Level.values()[seq % 4];
                    String message = seq == 3 ? "long ".repeat(2_000) : "step " + seq + " of " + run.name();
                    Object payload = seq == 4 ? Map.of("blob", "z".repeat(70_000)) : Map.of("seq", seq, "run", r);
                    batch.add(new NewEvent(
                            seq, T0.plusSeconds(r * 3600L + seq), level, "kind-" + (seq % 3), message, payload));
                }
                events.append(run.id(), batch);
                if (statuses[r] != RunStatus.RUNNING) {
                    runs.finish(run.id(), statuses[r], Map.of("events", 12), T0.plusSeconds(r * 3600L + 60));
                }
            }
        }
        return file;
    }

    /** Rows in the "big" table of {@link #withUserTables}. */
    public static final int BIG_ROWS = 100_000;

    /**
     * {@link #database} plus tables a developer adds beside runstore's, hostile names included:
     * {@code we"ird tab}, {@code Ünïcode}, {@code select}, {@code x; DROP TABLE runs}, a view, and
     * "big" with {@link #BIG_ROWS} rows whose {@code grp} is NULL for every 7th.
     */
    public static Path withUserTables(Path folder, String fileName) {
        Path file = database(folder, fileName, Environment.DEVELOPMENT);
        try (Database db = Database.open(file)) {
            db.useWrite(h -> {
                h.execute("CREATE TABLE \"we\"\"ird tab\" (id INTEGER PRIMARY KEY, note TEXT, data BLOB)");
                h.execute("INSERT INTO \"we\"\"ird tab\" VALUES (1, '{\"a\":[1,2],\"b\":\"x\"}', x'00ff10'),"
                        + " (2, 'plain', NULL)");
                h.execute("CREATE TABLE \"Ünïcode\" (\"ключ\" TEXT)");
                h.execute("INSERT INTO \"Ünïcode\" VALUES ('значение')");
                h.execute("CREATE TABLE \"select\" (\"from\" INTEGER)");
                h.execute(
                        "CREATE TABLE \"x; DROP TABLE runs\" (id INTEGER PRIMARY KEY, run_id INTEGER REFERENCES runs (id))");
                h.execute("INSERT INTO \"x; DROP TABLE runs\" (run_id) SELECT id FROM runs");
                h.execute("CREATE VIEW failed_runs AS SELECT id, name FROM runs WHERE status = 'failed'");
                h.execute("CREATE TABLE big (id INTEGER PRIMARY KEY, grp INTEGER, label TEXT NOT NULL)");
                h.execute("CREATE INDEX big_grp ON big (grp)");
                h.execute("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < " + BIG_ROWS
                        + ") INSERT INTO big SELECT i, CASE WHEN i % 7 = 0 THEN NULL ELSE i % 5 END, 'label ' || i"
                        + " FROM n");
            });
        }
        return file;
    }
}
