package dev.runstore.core.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabasePragmasTest {
    private static final int BUSY_TIMEOUT_MS = 4321;
    private static final int READERS = 4;

    @TempDir
    Path dir;

    record Seen(
            String role,
            int connection,
            String journalMode,
            int synchronous,
            int foreignKeys,
            int busyTimeout,
            int tempStore,
            int queryOnly) {}

    @Test
    void everyConnectionItHandsOutHasTheHardeningPragmas() throws Exception {
        List<Seen> seen = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(READERS);
        try {
            // Each open makes a new writer and READERS new readers; each round reuses the readers.
            for (int open = 0; open < 4; open++) {
                DatabaseConfig config = DatabaseConfig.builder(dir.resolve("pragmas.db"))
                        .busyTimeout(Duration.ofMillis(BUSY_TIMEOUT_MS))
                        .readPoolSize(READERS)
                        .build();
                try (Database db = Database.open(config)) {
                    for (int round = 0; round < 2; round++) {
                        seen.add(db.write(h -> pragmas("writer", h)));
                        CyclicBarrier allReadersAtOnce = new CyclicBarrier(READERS);
                        List<Future<Seen>> reads = new ArrayList<>();
                        for (int r = 0; r < READERS; r++) {
                            reads.add(pool.submit(() -> db.read(h -> {
                                allReadersAtOnce.await(10, TimeUnit.SECONDS);
                                return pragmas("reader", h);
                            })));
                        }
                        for (Future<Seen> read : reads) {
                            seen.add(read.get(30, TimeUnit.SECONDS));
                        }
                    }
                }
            }
        } finally {
            pool.shutdownNow();
        }

        Set<String> distinct = new HashSet<>();
        seen.forEach(s -> distinct.add(s.role() + s.connection()));
        assertThat(seen).hasSize(4 * 2 * (1 + READERS));
        assertThat(distinct).as("distinct connections").hasSizeGreaterThanOrEqualTo(20);
        assertThat(seen).allSatisfy(s -> {
            assertThat(s.journalMode()).isEqualTo("wal");
            assertThat(s.synchronous()).as("synchronous=NORMAL").isEqualTo(1);
            assertThat(s.foreignKeys()).isEqualTo(1);
            // The writer waits through BusyWait, which replaces busy_timeout (so the PRAGMA reads 0)
            // with the same timeout; WriteTransactionTest holds it to that timeout.
            assertThat(s.busyTimeout()).isEqualTo(s.role().equals("reader") ? BUSY_TIMEOUT_MS : 0);
            assertThat(s.tempStore()).as("temp_store=MEMORY").isEqualTo(2);
            assertThat(s.queryOnly()).isEqualTo(s.role().equals("reader") ? 1 : 0);
        });
    }

    @Test
    void theWriterSyncsEveryCommitOnlyWhenFullDurabilityIsChosen() {
        Path file = dir.resolve("durability.db");
        int byDefault;
        try (Database db = Database.open(file)) {
            byDefault = db.write(h -> intPragma(h, "synchronous"));
        }
        int writer;
        int group;
        int maintenance;
        try (Database db = Database.open(DatabaseConfig.builder(file).durable().build())) {
            writer = db.write(h -> intPragma(h, "synchronous"));
            group = db.writeInGroup(h -> intPragma(h, "synchronous"));
            maintenance = db.maintenance(connections -> {
                try (var connection = connections.getConnection();
                        var statement = connection.createStatement();
                        var rows = statement.executeQuery("PRAGMA synchronous")) {
                    rows.next();
                    return rows.getInt(1);
                }
            });
        }

        assertThat(byDefault).as("default: synchronous=NORMAL").isEqualTo(1);
        assertThat(writer).as("durable(): synchronous=FULL").isEqualTo(2);
        assertThat(group).as("a group commit, on the same writer").isEqualTo(2);
        assertThat(maintenance)
                .as("maintenance (migrations, backup) commits as durably")
                .isEqualTo(2);
    }

    private static Seen pragmas(String role, Handle h) {
        return new Seen(
                role,
                System.identityHashCode(h.getConnection()),
                h.createQuery("PRAGMA journal_mode").mapTo(String.class).one(),
                intPragma(h, "synchronous"),
                intPragma(h, "foreign_keys"),
                intPragma(h, "busy_timeout"),
                intPragma(h, "temp_store"),
                intPragma(h, "query_only"));
    }

    private static int intPragma(Handle h, String name) {
        return h.createQuery("PRAGMA " + name).mapTo(Integer.class).one();
    }
}
