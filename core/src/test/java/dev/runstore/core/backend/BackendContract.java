package dev.runstore.core.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runstore.core.admin.Backup;
import dev.runstore.core.admin.HealthChecks;
import dev.runstore.core.admin.Listings;
import dev.runstore.core.admin.Reset;
import dev.runstore.core.catalog.TableCounts;
import dev.runstore.core.db.AccessMode;
import dev.runstore.core.db.Database;
import dev.runstore.core.db.DatabaseConfig;
import dev.runstore.core.db.Dialect;
import dev.runstore.core.error.ConflictException;
import dev.runstore.core.error.ConstraintException;
import dev.runstore.core.error.DbException;
import dev.runstore.core.error.ErrorCode;
import dev.runstore.core.error.IncompatibleDatabaseException;
import dev.runstore.core.error.NotFoundException;
import dev.runstore.core.json.JsonText;
import dev.runstore.core.migrate.AppliedMigration;
import dev.runstore.core.migrate.Environment;
import dev.runstore.core.migrate.MigrationStatus;
import dev.runstore.core.migrate.Migrator;
import dev.runstore.core.store.AppendResult;
import dev.runstore.core.store.Event;
import dev.runstore.core.store.Events;
import dev.runstore.core.store.Level;
import dev.runstore.core.store.ListingQueries.EventOrder;
import dev.runstore.core.store.NewEvent;
import dev.runstore.core.store.NewRun;
import dev.runstore.core.store.Run;
import dev.runstore.core.store.RunStatus;
import dev.runstore.core.store.Runs;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.TimeZone;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same behaviour on SQLite and on a real PostgreSQL server: migrations, repositories, errors,
 * UTC and JSON columns, admin operations and concurrent writers. {@link SqliteContractTest} and
 * {@link PostgresContractTest} run it.
 */
abstract class BackendContract {
    /** The engine this suite runs against; each subclass names one. */
    final Backend backend;

    BackendContract(Backend backend) {
        this.backend = backend;
    }

    static final Instant T0 = Instant.parse("2026-11-27T09:27:09.123456Z");

    @TempDir
    Path dir;

    Database migrated() {
        Database db = Database.open(backend.fresh(dir).build());
        new Migrator(Environment.TEST).migrate(db);
        return db;
    }

    @Test
    void migrationsApplyOnceAndReportTheHeadInUtc() {
        try (Database db = Database.open(backend.fresh(dir).build())) {
            Instant before = Instant.now().minusSeconds(5);
            assertThat(new Migrator(Environment.TEST).migrate(db).applied()).containsExactly("1", "2", "3");
            assertThat(new Migrator(Environment.TEST).migrate(db).applied()).isEmpty();

            MigrationStatus status = new Migrator().status(db);
            assertThat(status.upToDate()).isTrue();
            assertThat(status.environment()).isEqualTo("test");
            assertThat(status.applied())
                    .extracting(AppliedMigration::installedOn)
                    .allSatisfy(
                            t -> assertThat(t).isBetween(before, Instant.now().plusSeconds(5)));
        }
    }

    @Test
    void runsAreCreatedFoundFinishedAndListed() {
        try (Database db = migrated()) {
            Runs runs = new Runs(db);
            Run first = runs.create(new NewRun("first", "s", Map.of("a", 1), T0));
            Run second = runs.create(new NewRun("second", "s", Map.of(), T0.plusSeconds(60)));
            runs.finish(first.id(), RunStatus.FAILED, Map.of("n", 2), T0.plusSeconds(5));

            assertThat(runs.getByName("first").status()).isEqualTo(RunStatus.FAILED);
            assertThat(runs.get(second.id()).startedAt()).isEqualTo(T0.plusSeconds(60));
            assertThat(runs.listRecent(Optional.empty(), 10))
                    .extracting(Run::name)
                    .containsExactly("second", "first");
            assertThat(runs.listRecent(Optional.of(RunStatus.FAILED), 10))
                    .extracting(Run::name)
                    .containsExactly("first");
            assertThatThrownBy(() -> runs.create(new NewRun("first", "s", Map.of(), T0)))
                    .isInstanceOf(ConflictException.class)
                    .hasMessage("a run named \"first\" already exists (runs.name is unique); choose another name or"
                            + " open the existing run");
            assertThatThrownBy(() -> runs.getByName("none")).isInstanceOf(NotFoundException.class);
        }
    }

    @Test
    void eventsAppendIdempotentlyAndListByLevel() {
        try (Database db = migrated()) {
            Run run = new Runs(db).create(new NewRun("r", "s", Map.of(), T0));
            Events events = new Events(db);
            List<NewEvent> batch = List.of(
                    new NewEvent(1, T0.plusSeconds(1), Level.INFO, "k", "one", Map.of("b", 1, "a", 2)),
                    new NewEvent(2, T0.plusSeconds(2), Level.ERROR, "k", "two", null),
                    new NewEvent(3, T0.plusSeconds(3), Level.WARNING, "k", "x".repeat(10_000), null));

            assertThat(events.append(run.id(), batch)).isEqualTo(new AppendResult(3, 0));
            assertThat(events.append(run.id(), batch)).isEqualTo(new AppendResult(0, 3));
            assertThatThrownBy(() ->
                            events.append(run.id(), List.of(new NewEvent(1, T0, Level.DEBUG, "k", "different", null))))
                    .isInstanceOf(ConflictException.class);
            assertThatThrownBy(() -> events.append(999, batch)).isInstanceOf(NotFoundException.class);

            List<Event> stored = events.listForRun(run.id(), EventOrder.SEQ, Level.DEBUG, 10);
            assertThat(stored).extracting(Event::seq).containsExactly(1L, 2L, 3L);
            assertThat(stored.get(0).ts()).isEqualTo(T0.plusSeconds(1));
            assertThat(stored.get(0).payload().json()).isEqualTo("{\"a\":2,\"b\":1}");
            assertThat(stored.get(2).truncated()).isTrue();
            assertThat(events.listRecent(Level.WARNING, 10))
                    .extracting(Event::seq)
                    .containsExactly(3L, 2L);

            db.useWrite(h -> h.execute("DELETE FROM runs WHERE id = ?", run.id()));
            assertThat(events.listRecent(Level.DEBUG, 10)).isEmpty();
        }
    }

    @Test
    void newerEventsAreOnlyThoseAboveTheAnchorWithTheirCapOnTheCount() {
        try (Database db = migrated()) {
            Run run = new Runs(db).create(new NewRun("followed", "s", Map.of(), T0));
            Events events = new Events(db);
            List<NewEvent> batch = new ArrayList<>();
            for (int seq = 1; seq <= 30; seq++) {
                Level level = seq % 3 == 0 ? Level.WARNING : Level.INFO;
                batch.add(new NewEvent(seq, T0.plusMillis(seq / 2 * 10L), level, "k", "step " + seq, null));
            }
            events.append(run.id(), batch);
            Event anchor = events.newer(run.id(), dev.runstore.core.store.EventFilter.ALL, null, 30, 100)
                    .events()
                    .get(20); // seq 10, which shares its ts with seq 11

            Events.Newer above = events.newer(run.id(), dev.runstore.core.store.EventFilter.ALL, anchor, 4, 100);
            assertThat(above.events()).extracting(Event::seq).containsExactly(30L, 29L, 28L, 27L);
            assertThat(above.count()).isEqualTo(20);
            assertThat(above.countExact()).isTrue();
            Events.Newer capped = events.newer(run.id(), dev.runstore.core.store.EventFilter.ALL, anchor, 4, 8);
            assertThat(capped.count()).isEqualTo(8);
            assertThat(capped.countExact()).isFalse();
            Events.Newer warnings = events.newer(
                    run.id(), new dev.runstore.core.store.EventFilter(Level.WARNING, "STEP 2"), anchor, 10, 100);
            assertThat(warnings.events()).extracting(Event::seq).containsExactly(27L, 24L, 21L);
            assertThat(warnings.count()).isEqualTo(3);
        }
    }

    @Test
    void constraintViolationsBecomeDomainErrors() {
        try (Database db = migrated()) {
            assertThatThrownBy(() -> db.useWrite(h -> h.execute(
                            "INSERT INTO events (run_id, seq, ts, level, kind, message,"
                                    + " message_length) VALUES (12345, 1, ?, 'info', 'k', 'm', 1)",
                            T0)))
                    .isInstanceOfSatisfying(
                            ConstraintException.class,
                            e -> assertThat(e.kind()).isEqualTo(ConstraintException.Kind.FOREIGN_KEY));
            assertThatThrownBy(() -> db.useWrite(h -> h.execute(
                            "INSERT INTO runs (name, source, status, started_at, params,"
                                    + " params_sha256) VALUES ('n', 's', 'exploded', ?, '{}', 'x')",
                            T0)))
                    .isInstanceOfSatisfying(
                            ConstraintException.class,
                            e -> assertThat(e.kind()).isEqualTo(ConstraintException.Kind.CHECK));
            assertThatThrownBy(() -> db.useWrite(h -> h.execute(
                            "INSERT INTO runs (name, source, status, started_at, params,"
                                    + " params_sha256) VALUES (NULL, 's', 'running', ?, '{}', 'x')",
                            T0)))
                    .isInstanceOfSatisfying(
                            ConstraintException.class,
                            e -> assertThat(e.kind()).isEqualTo(ConstraintException.Kind.NOT_NULL));
            assertThatThrownBy(() -> db.read(h -> h.execute("DELETE FROM runs")))
                    .isInstanceOf(IncompatibleDatabaseException.class);
        }
    }

    @Test
    void timesAreUtcWhateverTheJvmZoneAndJsonIsCanonical() {
        TimeZone original = TimeZone.getDefault();
        TimeZone.setDefault(TimeZone.getTimeZone("America/St_Johns"));
        try (Database db = migrated()) {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("z", 1);
            one.put("a", List.of(1.5, "é"));
            Map<String, Object> two = new LinkedHashMap<>();
            two.put("a", List.of(1.5, "é"));
            two.put("z", 1);
            Runs runs = new Runs(db);
            runs.create(new NewRun("one", "s", one, T0));
            runs.create(new NewRun("two", "s", two, T0));

            List<String> params = db.read(h -> h.createQuery("SELECT params FROM runs ORDER BY name")
                    .mapTo(String.class)
                    .list());
            assertThat(params).containsOnly("{\"a\":[1.5,\"é\"],\"z\":1}");
            assertThat(runs.getByName("one").startedAt()).isEqualTo(T0);
            JsonText read = db.read(h -> h.createQuery("SELECT params FROM runs WHERE name = 'two'")
                    .mapTo(JsonText.class)
                    .one());
            assertThat(read).isEqualTo(JsonText.of(one));
        } finally {
            TimeZone.setDefault(original);
        }
    }

    @Test
    void adminOperationsAnswerTheSameQuestions() {
        try (Database db = migrated()) {
            dev.runstore.core.admin.Demo.fill(db, 4, 10);

            assertThat(TableCounts.of(db))
                    .containsEntry("runs", 4L)
                    .containsEntry("events", 40L)
                    .containsEntry("runstore_meta", 1L);
            assertThat(Listings.recentRuns(db, Optional.empty(), 10))
                    .hasSize(4)
                    .allSatisfy(r -> assertThat(r.eventCount()).isEqualTo(10));
            assertThat(Listings.recentEvents(db, Optional.empty(), Level.ERROR, 100))
                    .isNotEmpty()
                    .allSatisfy(e -> assertThat(e.level()).isEqualTo(Level.ERROR));
            assertThat(HealthChecks.run(db).checks())
                    .allSatisfy(c -> assertThat(c.passed())
                            .as(c.name() + ": " + c.detail())
                            .isTrue());
        }
    }

    @Test
    void resetIsGatedAndKeepsTheEnvironment() {
        try (Database db = migrated()) {
            dev.runstore.core.admin.Demo.fill(db, 2, 5);

            assertThatThrownBy(() -> Reset.run(db, false)).hasMessageContaining("RUNSTORE_ALLOW_RESET=1");
            var result = Reset.run(db, true);

            assertThat(result.environment()).isEqualTo("test");
            assertThat(result.backup() == null).isEqualTo(backend.dialect() == Dialect.POSTGRESQL);
            assertThat(TableCounts.of(db)).containsEntry("runs", 0L).containsEntry("events", 0L);
            if (backend.dialect() == Dialect.POSTGRESQL) {
                assertThatThrownBy(() -> Backup.to(db, dir.resolve("copy.db")))
                        .isInstanceOfSatisfying(
                                DbException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_CONFIG))
                        .hasMessageContaining("pg_dump");
            }
        }
    }

    @Test
    void concurrentWriterThreadsAndAReaderLoseNothing() throws Exception {
        try (Database db = migrated()) {
            Runs runs = new Runs(db);
            Events events = new Events(db);
            int writers = 4;
            int batches = 100;
            Queue<Throwable> failures = new ConcurrentLinkedQueue<>();
            ExecutorService threads = Executors.newFixedThreadPool(writers + 1);
            try {
                List<Future<?>> work = new ArrayList<>();
                for (int w = 0; w < writers; w++) {
                    Run run = runs.create(new NewRun("writer-" + w, "test", Map.of(), T0));
                    work.add(threads.submit(() -> {
                        for (int b = 0; b < batches; b++) {
                            List<NewEvent> batch = new ArrayList<>();
                            for (int i = 0; i < 5; i++) {
                                long seq = b * 5L + i + 1;
                                batch.add(new NewEvent(seq, T0.plusMillis(seq), Level.INFO, "k", "m" + seq, null));
                            }
                            try {
                                events.append(run.id(), batch);
                            } catch (RuntimeException e) {
                                failures.add(e);
                            }
                        }
                        return null;
                    }));
                }
                Future<?> reader = threads.submit(() -> {
                    for (int i = 0; i < 50; i++) {
                        try {
                            TableCounts.of(db);
                        } catch (RuntimeException e) {
                            failures.add(e);
                        }
                    }
                    return null;
                });
                for (Future<?> future : work) {
                    future.get(2, TimeUnit.MINUTES);
                }
                reader.get(2, TimeUnit.MINUTES);
            } finally {
                threads.shutdownNow();
            }

            assertThat(failures).isEmpty();
            assertThat(TableCounts.of(db)).containsEntry("events", (long) writers * batches * 5);
        }
    }

    /** A payload over the 64 KiB inline limit: about 200 KB of canonical JSON, non-ASCII included. */
    static Map<String, Object> bigPayload(String tag) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("tag", tag);
        payload.put(
                "rows",
                java.util.stream.IntStream.range(0, 4_000)
                        .mapToObj(i -> Map.of("i", i, "text", "Ünïcode ✓ row " + i + " " + tag))
                        .toList());
        return payload;
    }

    Event appendBig(Database db, Run run, long seq, Map<String, Object> payload) {
        Events events = new Events(db);
        events.append(run.id(), List.of(new NewEvent(seq, T0.plusSeconds(seq), Level.INFO, "big", "m", payload)));
        return events.listForRun(run.id(), EventOrder.SEQ, Level.DEBUG, 10_000).stream()
                .filter(e -> e.seq() == seq)
                .findFirst()
                .orElseThrow();
    }

    /** Removes (or, with {@code content}, overwrites) an out-of-line payload where it is stored. */
    static void tamper(Database db, Event event, String content) throws java.io.IOException {
        if (event.payloadUri().startsWith("db:")) {
            db.useWrite(h -> {
                if (content == null) {
                    h.execute("DELETE FROM payload_blobs WHERE sha256 = ?", event.payloadSha256());
                } else {
                    h.execute("UPDATE payload_blobs SET content = ? WHERE sha256 = ?", content, event.payloadSha256());
                }
            });
            return;
        }
        Path file = db.path().resolveSibling(event.payloadUri());
        if (content == null) {
            java.nio.file.Files.delete(file);
        } else {
            java.nio.file.Files.writeString(file, content);
        }
    }

    @Test
    void anOutOfLinePayloadIsStoredWhereEveryReaderOfTheDatabaseFindsIt() throws Exception {
        Map<String, Object> payload = bigPayload("one");
        JsonText expected = JsonText.of(payload);
        assertThat(expected.bytes().length).isGreaterThan(150_000);
        DatabaseConfig config = backend.fresh(dir).build();
        Event stored;
        try (Database db = Database.open(config)) {
            new Migrator(Environment.TEST).migrate(db);
            Run run = new Runs(db).create(new NewRun("big", "test", Map.of(), T0));
            stored = appendBig(db, run, 1, payload);
            appendBig(db, run, 2, payload); // the same payload again: stored once

            assertThat(stored.payload()).isNull();
            assertThat(stored.payloadSha256()).isEqualTo(expected.sha256Hex());
            if (backend.dialect() == Dialect.POSTGRESQL) {
                // In the database: no working folder or system property decides where it is.
                assertThat(stored.payloadUri()).isEqualTo("db:sha256/" + expected.sha256Hex());
                assertThat(TableCounts.of(db)).containsEntry("payload_blobs", 1L);
                assertThat(db.payloadFolder()).isEmpty();
            } else {
                assertThat(stored.payloadUri()).startsWith(db.path().getFileName() + ".blobs/sha256/");
                assertThat(db.path().resolveSibling(stored.payloadUri())).exists();
                assertThat(TableCounts.of(db)).containsEntry("payload_blobs", 0L);
            }
        }
        // Another Database (another process; on PostgreSQL another host) reads it byte for byte.
        try (Database other = Database.open(config.withMode(AccessMode.READ_ONLY))) {
            Events events = new Events(other);
            List<Event> both = events.listForRun(stored.runId(), EventOrder.SEQ, Level.DEBUG, 10);
            assertThat(events.payloads(both))
                    .extracting(JsonText::bytes)
                    .containsExactly(expected.bytes(), expected.bytes());
            assertThat(HealthChecks.run(other).checks())
                    .filteredOn(c -> c.name().equals("payloads"))
                    .singleElement()
                    .satisfies(c -> assertThat(c.passed()).isTrue())
                    .satisfies(c -> assertThat(c.detail())
                            .startsWith("1 out-of-line payload (" + expected.bytes().length + " bytes)"));
        }
    }

    @Test
    void aMissingOrCorruptOutOfLinePayloadIsAnErrorNamingTheEventNeverANull() throws Exception {
        try (Database db = migrated()) {
            Run run = new Runs(db).create(new NewRun("big", "test", Map.of(), T0));
            Event gone = appendBig(db, run, 7, bigPayload("gone"));
            Event changed = appendBig(db, run, 8, bigPayload("changed"));
            Event fine = appendBig(db, run, 9, bigPayload("fine"));
            tamper(db, gone, null);
            tamper(db, changed, "{\"tag\":\"changed by hand\"}");
            Events events = new Events(db);

            assertThatThrownBy(() -> events.payload(gone))
                    .isInstanceOf(IncompatibleDatabaseException.class)
                    .hasMessageContaining("the payload of event seq 7 of run \"big\" (sha256 " + gone.payloadSha256()
                            + ") is missing from ");
            assertThatThrownBy(() -> events.payload(changed))
                    .isInstanceOf(IncompatibleDatabaseException.class)
                    .hasMessageContaining("the payload of event seq 8 of run \"big\" is corrupt in ")
                    .hasMessageContaining("the event expects " + changed.payloadSha256());
            assertThatThrownBy(() -> events.payloads(List.of(fine, gone)))
                    .isInstanceOf(IncompatibleDatabaseException.class);
            assertThat(events.payload(fine).tree().get("tag").asText()).isEqualTo("fine");

            var payloads = HealthChecks.run(db).checks().stream()
                    .filter(c -> c.name().equals("payloads"))
                    .findFirst()
                    .orElseThrow();
            assertThat(payloads.passed()).isFalse();
            assertThat(payloads.detail())
                    .startsWith("2 of 3 out-of-line payloads missing or corrupt: ")
                    .contains("event seq 7 of run \"big\" (sha256 " + gone.payloadSha256() + ") is missing")
                    .contains("event seq 8 of run \"big\" is corrupt")
                    .doesNotContain("seq 9");
            assertThat(HealthChecks.run(db).ok()).isFalse();
            // Without reading contents (the console's live refresh) the missing one is still found.
            assertThat(payloadCheck(HealthChecks.run(db, false)).detail())
                    .startsWith("1 of 3 out-of-line payloads missing or corrupt: ")
                    .contains("event seq 7 of run");
        }
    }

    static dev.runstore.core.admin.CheckResult payloadCheck(dev.runstore.core.admin.CheckReport report) {
        return report.checks().stream()
                .filter(c -> c.name().equals("payloads"))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void hostilePayloadUrisFailTheCheckNamingTheEventInsteadOfCrashingIt() {
        try (Database db = migrated()) {
            Run run = new Runs(db).create(new NewRun("big", "test", Map.of(), T0));
            Event outside = appendBig(db, run, 1, bigPayload("outside"));
            Event otherHash = appendBig(db, run, 2, bigPayload("other"));
            db.useWrite(h -> {
                h.execute("UPDATE events SET payload_uri = ? WHERE seq = 1", "../../../../etc/passwd");
                h.execute("UPDATE events SET payload_uri = ? WHERE seq = 2", "db:sha256/" + outside.payloadSha256());
            });
            boolean postgres = backend.dialect() == Dialect.POSTGRESQL;

            var check = payloadCheck(HealthChecks.run(db));

            assertThat(check.passed()).isFalse();
            assertThat(check.detail())
                    .contains("event seq 2 of run \"big\" (sha256 " + otherHash.payloadSha256()
                            + ") has the payload_uri \"db:sha256/" + outside.payloadSha256()
                            + "\", which names another hash");
            Event moved = new Events(db)
                    .listForRun(run.id(), EventOrder.SEQ, Level.DEBUG, 1)
                    .get(0);
            if (postgres) {
                // No file is ever read on PostgreSQL: a non-db: uri is looked up by its SHA-256,
                // and that payload is there, verified.
                assertThat(check.detail()).startsWith("1 of 2 out-of-line payloads missing or corrupt: ");
                assertThat(new Events(db).payload(moved).tree().get("tag").asText())
                        .isEqualTo("outside");
            } else {
                assertThat(check.detail())
                        .startsWith("2 of 2 out-of-line payloads missing or corrupt: ")
                        .contains("event seq 1 of run \"big\" (sha256 " + outside.payloadSha256()
                                + ") cannot be read: payload_uri \"../../../../etc/passwd\" points outside");
                assertThatThrownBy(() -> new Events(db).payload(moved))
                        .isInstanceOf(IncompatibleDatabaseException.class)
                        .hasMessageContaining("event seq 1 of run \"big\"");
            }
        }
    }

    @Test
    void resetRemovesTheOutOfLinePayloadsWithTheirEvents() {
        try (Database db = migrated()) {
            Run run = new Runs(db).create(new NewRun("big", "test", Map.of(), T0));
            appendBig(db, run, 1, bigPayload("reset"));

            Reset.run(db, true);

            assertThat(TableCounts.of(db)).containsEntry("events", 0L).containsEntry("payload_blobs", 0L);
            db.payloadFolder().ifPresent(folder -> assertThat(folder).doesNotExist());
            assertThat(HealthChecks.run(db).ok()).isTrue();
        }
    }

    @Test
    void writesToAReadOnlyOrClosedDatabaseFailAsDomainErrorsNamingIt() {
        DatabaseConfig config = backend.fresh(dir).build();
        try (Database db = Database.open(config)) {
            new Migrator(Environment.TEST).migrate(db);
        }
        Database readOnly = Database.open(config.withMode(AccessMode.READ_ONLY));
        try (readOnly) {
            assertThatThrownBy(() -> readOnly.useWrite(h -> h.execute("DELETE FROM runs")))
                    .isInstanceOf(IncompatibleDatabaseException.class)
                    .hasMessageContaining(config.location())
                    .hasMessageContaining("was opened read-only");
        }
        assertThatThrownBy(() -> readOnly.read(h -> 1))
                .isInstanceOfSatisfying(
                        DbException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CLOSED))
                .hasMessageContaining(config.location())
                .hasMessageContaining("is closed");
    }
}
