package dev.runstore.core.admin;

import dev.runstore.core.db.Database;
import dev.runstore.core.migrate.Migrator;
import dev.runstore.core.store.EventLimits;
import dev.runstore.core.store.Events;
import dev.runstore.core.store.Level;
import dev.runstore.core.store.NewEvent;
import dev.runstore.core.store.NewRun;
import dev.runstore.core.store.Run;
import dev.runstore.core.store.RunStatus;
import dev.runstore.core.store.Runs;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * Fills a database with realistic generated runs for demos and manual testing: exactly N runs of M
 * events. With N >= 4 every status appears; every level appears; the third event of every run has
 * a message longer than the limit (truncated) and the fourth a payload larger than the inline limit
 * (stored out of line).
 */
public final class Demo {
    private static final String[] SOURCES = {"ingester-eu-1", "ingester-us-2", "backfill", "nightly-cron"};
    private static final String[] KINDS = {"fetch", "parse", "validate", "store", "retry", "summary"};
    private static final RunStatus[] STATUSES = {
        RunStatus.SUCCEEDED, RunStatus.FAILED, RunStatus.RUNNING, RunStatus.CANCELLED
    };

    private Demo() {}

    /** Migrates {@code db} if needed and writes {@code runs} runs of {@code eventsPerRun} events. */
    public static DemoResult fill(Database db, int runs, int eventsPerRun) {
        if (runs < 0 || eventsPerRun < 0) {
            throw new IllegalArgumentException("runs and events per run must be 0 or more");
        }
        new Migrator().migrate(db);
        Runs runRepository = new Runs(db);
        Events events = new Events(db);
        Random random = new Random(runs * 31L + eventsPerRun);
        String batch = UUID.randomUUID().toString().substring(0, 8);
        Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofHours(runs));
        List<String> names = new ArrayList<>();
        long written = 0;
        for (int r = 0; r < runs; r++) {
            Instant startedAt = start.plus(Duration.ofHours(r));
            Map<String, Object> params = new LinkedHashMap<>();
            params.put("dataset", "orders-" + (2020 + r % 7));
            params.put("shards", 1 + random.nextInt(16));
            params.put("dry_run", r % 5 == 0);
            Run run = runRepository.create(new NewRun(
                    "demo-" + batch + "-" + String.format("%03d", r + 1),
                    SOURCES[r % SOURCES.length],
                    params,
                    startedAt));
            List<NewEvent> batchOfEvents = new ArrayList<>(eventsPerRun);
            for (int seq = 1; seq <= eventsPerRun; seq++) {
                batchOfEvents.add(event(seq, startedAt.plusMillis(seq * 1_250L), random));
            }
            written += events.append(run.id(), batchOfEvents).inserted();
            RunStatus status = STATUSES[r % STATUSES.length];
            if (status != RunStatus.RUNNING) {
                runRepository.finish(
                        run.id(),
                        status,
                        Map.of("events", eventsPerRun, "duration_s", eventsPerRun * 1.25),
                        startedAt.plusMillis(eventsPerRun * 1_250L + 500));
            }
            names.add(run.name());
        }
        return new DemoResult(names, written);
    }

    private static NewEvent event(int seq, Instant ts, Random random) {
        Level level = level(seq, random);
        String kind = KINDS[random.nextInt(KINDS.length)];
        String message = switch (level) {
            case DEBUG -> "cache hit ratio " + random.nextInt(100) + "% after " + seq + " lookups";
            case INFO -> kind + " step " + seq + " done in " + (5 + random.nextInt(900)) + " ms";
            case WARNING -> "slow response from upstream (" + (1_000 + random.nextInt(4_000)) + " ms), retrying";
            case ERROR -> "upstream returned HTTP 503 for shard " + random.nextInt(16) + "; giving up on this page";
        };
        Object payload = Map.of("step", seq, "kind", kind, "rows", random.nextInt(10_000));
        if (seq == 3) {
            message = "stack dump follows: " + "at orders.Parser.parse(Parser.java:42) ".repeat(300);
        }
        if (seq == 4) {
            payload = Map.of("step", seq, "sample", "x".repeat(EventLimits.DEFAULTS.maxInlinePayloadBytes() + 1_024));
        }
        return new NewEvent(seq, ts, level, kind, message, payload);
    }

    /** Mostly info, every level present in every run of 4 or more events. */
    private static Level level(int seq, Random random) {
        if (seq <= 4) {
            return Level.values()[seq - 1];
        }
        int roll = random.nextInt(100);
        return roll < 15 ? Level.DEBUG : roll < 85 ? Level.INFO : roll < 96 ? Level.WARNING : Level.ERROR;
    }
}
