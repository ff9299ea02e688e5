package dev.runstore.core.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runstore.core.db.Database;
import dev.runstore.core.db.DatabaseConfig;
import dev.runstore.core.error.CancelledException;
import dev.runstore.core.error.InvalidInputException;
import dev.runstore.core.error.OperationRefusedException;
import dev.runstore.core.migrate.Environment;
import dev.runstore.core.migrate.Migrator;
import dev.runstore.core.query.Cancellation;
import dev.runstore.core.query.ExportFormat;
import dev.runstore.core.query.QueryPlan;
import dev.runstore.core.query.QueryResult;
import dev.runstore.core.query.ReadOnlySql;
import dev.runstore.core.query.SqlRefusedException;
import dev.runstore.core.store.NewRun;
import dev.runstore.core.store.Runs;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Typed read-only SQL on each engine: what runs, what is refused, and that nothing changes. */
abstract class ReadOnlySqlContract {
    final Backend backend;

    @TempDir
    Path dir;

    DatabaseConfig config;
    Database db;

    ReadOnlySqlContract(Backend backend) {
        this.backend = backend;
    }

    @BeforeEach
    void seed() {
        config = backend.fresh(dir).build();
        try (Database writable = Database.open(config)) {
            new Migrator(Environment.TEST).migrate(writable);
            Runs runs = new Runs(writable);
            for (String name : List.of("alpha", "beta", "gamma")) {
                runs.create(new NewRun(name, "test", Map.of(), Instant.parse("2026-01-01T00:00:00Z")));
            }
        }
        db = Database.open(config.withMode(dev.runstore.core.db.AccessMode.READ_ONLY));
    }

    @AfterEach
    void close() {
        if (db != null) { // null when the engine's suite was skipped (no server configured)
            db.close();
        }
    }

    QueryResult run(String sql) {
        return ReadOnlySql.run(db, sql, 0, 100, Cancellation.none());
    }

    long runCount() {
        return (Long) ((Number) run("SELECT count(*) FROM runs").rows().get(0).get(0)).longValue();
    }

    @Test
    void aSelectReturnsItsRowsPagedCountedExplainedAndExported() {
        QueryResult page = ReadOnlySql.run(db, "SELECT name FROM runs ORDER BY name", 1, 1, Cancellation.none());
        assertThat(page.columns()).containsExactly("name");
        assertThat(page.rows()).containsExactly(List.of("beta"));
        assertThat(page.more()).isTrue();
        assertThat(ReadOnlySql.count(db, "SELECT * FROM runs WHERE name <> 'beta';", Cancellation.none()))
                .isEqualTo(2);
        QueryPlan plan = ReadOnlySql.plan(db, "SELECT * FROM runs", Cancellation.none());
        assertThat(plan.roots()).isNotEmpty();
        assertThat(plan.roots().get(0).detail()).containsIgnoringCase("runs");
        assertThat(plan.roots().get(0).scan()).isTrue();
        StringWriter csv = new StringWriter();
        assertThat(ReadOnlySql.export(
                        db,
                        "SELECT name FROM runs ORDER BY name",
                        ExportFormat.CSV,
                        csv,
                        Long.MAX_VALUE,
                        Cancellation.none()))
                .isEqualTo(3);
        assertThat(csv.toString()).contains("alpha").contains("gamma");
    }

    @Test
    void writesAndSecondStatementsAreRefusedAndNothingChanges() {
        for (String sql : List.of(
                "DELETE FROM runs",
                "UPDATE runs SET name = 'x'",
                "INSERT INTO runs(name) VALUES ('x')",
                "DROP TABLE runs",
                "SELECT 1; DELETE FROM runs",
                "SELECT 1 /* a comment */ ; DELETE FROM runs",
                "WITH x AS (SELECT 1) DELETE FROM runs",
                "BEGIN",
                "SET TRANSACTION READ WRITE",
                "CREATE TABLE x(a int)")) {
            assertThatThrownBy(() -> run(sql)).as(sql).isInstanceOf(SqlRefusedException.class);
        }
        assertThat(runCount()).isEqualTo(3);
    }

    @Test
    void aStatementTheEngineCannotCompileIsInvalidInputQuotingIt() {
        assertThatThrownBy(() -> run("SELEC 1"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("invalid SQL: ")
                .hasMessageContaining("SELEC");
        assertThatThrownBy(() -> run("SELECT * FROM no_such_table"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("no_such_table");
    }

    /** A statement that never ends by itself, for the cancel test. */
    abstract String endless();

    /** Waits until {@link #endless} runs on the engine, so the cancel lands on a running statement. */
    abstract void awaitRunning(java.util.concurrent.Future<?> query) throws Exception;

    @Test
    void aCancelStopsARunningStatementAndTheDatabaseStaysUsable() throws Exception {
        Cancellation cancel = new Cancellation();
        java.util.concurrent.CompletableFuture<QueryResult> running =
                java.util.concurrent.CompletableFuture.supplyAsync(() -> ReadOnlySql.run(db, endless(), 0, 1, cancel));
        awaitRunning(running);
        cancel.cancel();
        assertThatThrownBy(() -> running.get(30, java.util.concurrent.TimeUnit.SECONDS))
                .hasCauseInstanceOf(CancelledException.class);
        assertThat(runCount()).isEqualTo(3);
    }

    static void assertRefusedOrFailed(Runnable call, String sql) {
        assertThatThrownBy(call::run).as(sql).isInstanceOf(OperationRefusedException.class);
    }
}
