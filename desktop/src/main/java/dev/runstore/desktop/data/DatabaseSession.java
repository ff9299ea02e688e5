package dev.runstore.desktop.data;

import dev.runstore.core.admin.Demo;
import dev.runstore.core.admin.HealthChecks;
import dev.runstore.core.admin.Listings;
import dev.runstore.core.admin.Reset;
import dev.runstore.core.admin.ResetResult;
import dev.runstore.core.admin.RunSummary;
import dev.runstore.core.catalog.TableCounts;
import dev.runstore.core.db.Database;
import dev.runstore.core.db.DatabaseConfig;
import dev.runstore.core.json.JsonText;
import dev.runstore.core.migrate.MigrationStatus;
import dev.runstore.core.migrate.Migrator;
import dev.runstore.core.store.Event;
import dev.runstore.core.store.Events;
import dev.runstore.core.store.Level;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The console's connection to one database, through core's admin operations only (no SQL here).
 * The database is open read-only, so the console never blocks an ingester; only {@link #reset}
 * opens it read-write, briefly. Methods block: call them from background tasks.
 */
public final class DatabaseSession implements AutoCloseable {
    /** How many recent runs the Runs panel lists. */
    static final int RUN_LIMIT = 500;

    private final Path path;
    private final boolean resetAllowed;
    private Database db;

    private DatabaseSession(Path path, boolean resetAllowed) {
        this.path = path.toAbsolutePath();
        this.resetAllowed = resetAllowed;
        this.db = openReadOnly(this.path);
    }

    /** Opens {@code path} read-only; a missing file is an error naming it (nothing is created). */
    public static DatabaseSession open(Path path, boolean resetAllowed) {
        return new DatabaseSession(path, resetAllowed);
    }

    /** Creates a demo database (through core's demo operation) in a new temp folder and opens it. */
    public static DatabaseSession openDemo(boolean resetAllowed) {
        Path file;
        try {
            file = Files.createTempDirectory("runstore-demo").resolve("demo.db");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temp folder for the demo database", e);
        }
        try (Database writable = Database.open(file)) {
            Demo.fill(writable, 8, 200);
        }
        return open(file, resetAllowed);
    }

    public Path path() {
        return path;
    }

    public synchronized Snapshot load() {
        MigrationStatus status = new Migrator().status(db);
        Map<String, Long> counts = TableCounts.of(db);
        List<RunSummary> runs = status.currentVersion() == null || !counts.containsKey("runs")
                ? List.of()
                : Listings.recentRuns(db, Optional.empty(), RUN_LIMIT);
        return new Snapshot(
                path,
                status,
                counts,
                TableCounts.sizes(db),
                runs,
                HealthChecks.run(db, false), // live refreshes: payloads found, not read
                Reset.refusal(db, resetAllowed));
    }

    /** The newest events of one run at or above {@code minLevel}. */
    public synchronized List<Event> events(String runName, Level minLevel, int limit) {
        return Listings.recentEvents(db, Optional.of(runName), minLevel, limit);
    }

    /** An event's payload, read and checked against its SHA-256 when it is stored out of line. */
    public synchronized JsonText payload(Event event) {
        return new Events(db).payload(event);
    }

    /** The dev reset: reopens the file read-write just for it, then read-only again. */
    public synchronized ResetResult reset() {
        db.close();
        try (Database writable = Database.open(path)) {
            return Reset.run(writable, resetAllowed);
        } finally {
            db = openReadOnly(path);
        }
    }

    @Override
    public synchronized void close() {
        db.close();
    }

    private static Database openReadOnly(Path path) {
        return Database.open(
                DatabaseConfig.builder(path).readOnly().readPoolSize(2).build());
    }
}
