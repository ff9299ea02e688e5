package dev.runstore.desktop.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runstore.core.db.Database;
import dev.runstore.core.error.CancelledException;
import dev.runstore.core.error.InvalidInputException;
import dev.runstore.core.query.ExportFormat;
import dev.runstore.core.query.QueryPlan;
import dev.runstore.core.query.SqlRefusedException;
import dev.runstore.desktop.data.DatabaseSession;
import dev.runstore.desktop.panel.PanelContext;
import dev.runstore.desktop.support.DirectExecutor;
import dev.runstore.desktop.task.TaskExecutor;
import dev.runstore.desktop.task.TaskHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.prefs.AbstractPreferences;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SQL panel's view model on a real SQLite file, without a toolkit. */
class SqlViewModelTest {
    static final String TABLE = "\"we\"\"ird tab\"";
    static final String ENDLESS =
            "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x+1 FROM c) SELECT count(*) FROM c";

    @TempDir
    Path dir;

    Path file;
    DatabaseSession session;
    final List<String> calls = new ArrayList<>();
    final List<Throwable> banner = new ArrayList<>();
    int loaded;
    SqlHistory store = SqlHistory.inMemory();

    /** 450 rows, an index on name; one row's note is JSON. */
    static Path weirdTable(Path dir) {
        Path file = dir.resolve("plain.db");
        try (Database db = Database.open(file)) {
            db.useWrite(h -> {
                h.execute("CREATE TABLE \"we\"\"ird tab\" (id INTEGER PRIMARY KEY, name TEXT, note TEXT)");
                h.execute("CREATE INDEX weird_name ON \"we\"\"ird tab\" (name)");
                h.execute("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i+1 FROM n WHERE i < 450)"
                        + " INSERT INTO \"we\"\"ird tab\" (id, name, note) SELECT i, 'n' || i, 'note ' || i FROM n");
                h.execute("UPDATE \"we\"\"ird tab\" SET note = '{\"a\":1,\"b\":[2,3]}' WHERE id = 7");
            });
        }
        return file;
    }

    @BeforeEach
    void open() {
        file = weirdTable(dir);
        session = DatabaseSession.open(file, false);
        session.observe((operation, nanos) -> calls.add(operation));
    }

    @AfterEach
    void close() {
        session.close();
    }

    SqlViewModel viewModel(TaskExecutor executor) {
        return new SqlViewModel(new PanelContext(executor, () -> session, banner::add, () -> loaded++), store);
    }

    SqlViewModel direct() {
        return viewModel(new DirectExecutor());
    }

    @Test
    void showingAndRefreshingThePanelReadsNothing() {
        SqlViewModel vm = direct();
        vm.sqlProperty().set("SELECT 1");
        vm.activate();
        vm.refresh();
        vm.deactivate();
        vm.refresh();
        vm.activate();

        assertThat(calls).isEmpty();
        assertThat(vm.rows()).isEmpty();
    }

    @Test
    void runShowsTheFirstPageItsElapsedTimeThenTheCount() {
        SqlViewModel vm = direct();
        vm.sqlProperty().set("SELECT id, name FROM " + TABLE + " ORDER BY id");

        vm.run();

        assertThat(vm.columns()).containsExactly("id", "name");
        assertThat(vm.rows()).hasSize(200);
        assertThat(vm.rows().get(0)).containsExactly(1L, "n1");
        assertThat(vm.elapsedProperty().get()).matches("\\d+(\\.\\d)? ms");
        assertThat(vm.positionProperty().get()).isEqualTo("Rows 1–200 of 450 rows");
        assertThat(vm.count()).hasValue(450);
        assertThat(calls).containsExactly("sql", "sqlCount"); // the page first, then the count
        assertThat(vm.failedProperty().get()).isFalse();
        assertThat(vm.runningProperty().get()).isFalse();
        assertThat(vm.loadingProperty().get()).isFalse();
        assertThat(loaded).isEqualTo(1); // the banner is cleared
    }

    @Test
    void pagesAreOffsetsOf200OverTheStatementRunNotTheEditorText() {
        SqlViewModel vm = direct();
        vm.sqlProperty().set("SELECT id FROM " + TABLE + " ORDER BY id");
        vm.run();
        vm.sqlProperty().set("SELECT 'edited, not run'");
        calls.clear();

        assertThat(vm.hasBeforeProperty().get()).isFalse();
        vm.next();
        assertThat(vm.offset()).isEqualTo(200);
        assertThat(vm.rows().get(0)).containsExactly(201L);
        assertThat(vm.positionProperty().get()).isEqualTo("Rows 201–400 of 450 rows");
        assertThat(vm.hasBeforeProperty().get()).isTrue();

        vm.next();
        assertThat(vm.offset()).isEqualTo(400);
        assertThat(vm.rows()).hasSize(50);
        assertThat(vm.positionProperty().get()).isEqualTo("Rows 401–450 of 450 rows");
        assertThat(vm.hasAfterProperty().get()).isFalse();
        vm.next(); // nothing after the last page
        assertThat(vm.offset()).isEqualTo(400);

        vm.previous();
        assertThat(vm.offset()).isEqualTo(200);
        assertThat(vm.rows().get(199)).containsExactly(400L);
        vm.previous();
        assertThat(vm.offset()).isZero();
        assertThat(calls).containsExactly("sql", "sql", "sql", "sql"); // paging does not count again
    }

    @Test
    void aResultOnOnePageIsCountedWithoutASecondQuery() {
        SqlViewModel vm = direct();
        vm.sqlProperty().set("SELECT 1 AS one");

        vm.run();

        assertThat(vm.rows()).containsExactly(List.of(1L));
        assertThat(vm.positionProperty().get()).isEqualTo("Rows 1–1 of 1 row");
        assertThat(calls).containsExactly("sql");
    }

    @Test
    void aRefusedStatementSaysWhyInTheStatusAndTheBannerAndClearsTheGrid() {
        SqlViewModel vm = direct();
        vm.sqlProperty().set("SELECT 1");
        vm.run();
        vm.sqlProperty().set("DELETE FROM \"we\"\"ird tab\"");

        vm.run();

        assertThat(banner).singleElement().isInstanceOf(SqlRefusedException.class);
        assertThat(banner.get(0).getMessage()).startsWith("runstore runs read-only SQL: ");
        assertThat(vm.statusProperty().get())
                .startsWith("Not run: runstore runs read-only SQL: ")
                .contains(SqlRefusedException.HINT);
        assertThat(vm.failedProperty().get()).isTrue();
        assertThat(vm.rows()).isEmpty();
        assertThat(vm.columns()).isEmpty();
        assertThat(vm.positionProperty().get()).isEmpty();
        assertThat(vm.hasResultProperty().get()).isFalse();

        vm.sqlProperty().set("SELECT 2");
        vm.run();
        assertThat(vm.failedProperty().get()).isFalse();
        assertThat(vm.statusProperty().get()).isEmpty();
    }

    @Test
    void invalidSqlQuotesTheEngine() {
        SqlViewModel vm = direct();
        vm.sqlProperty().set("SELECT * FROM no_such_table");

        vm.run();

        assertThat(banner).singleElement().isInstanceOf(InvalidInputException.class);
        assertThat(vm.statusProperty().get()).startsWith("Not run: invalid SQL").contains("no_such_table");
        assertThat(vm.failedProperty().get()).isTrue();
    }

    @Test
    void aBlankEditorRunsNothing() {
        SqlViewModel vm = direct();
        vm.sqlProperty().set("  \n ");

        vm.run();

        assertThat(calls).isEmpty();
        assertThat(vm.statusProperty().get()).isEqualTo("Type a statement to run.");
        assertThat(vm.history()).isEmpty();
    }

    @Test
    void historyIsNewestFirstWithoutDuplicatesCappedAt50AndOutlivesTheViewModel() {
        SqlViewModel vm = direct();
        for (String sql : List.of("SELECT 1", "SELECT 2", "SELECT 1", "  SELECT 3  ")) {
            vm.sqlProperty().set(sql);
            vm.run();
        }
        assertThat(vm.history()).containsExactly("SELECT 3", "SELECT 1", "SELECT 2");

        for (int i = 0; i < 60; i++) {
            vm.sqlProperty().set("SELECT " + (100 + i));
            vm.run();
        }
        assertThat(vm.history()).hasSize(SqlHistory.MAX).startsWith("SELECT 159", "SELECT 158");
        assertThat(vm.history().get(49)).isEqualTo("SELECT 110");

        SqlViewModel restarted = direct(); // same store: a restart
        assertThat(restarted.history()).containsExactlyElementsOf(vm.history());
        restarted.pick("SELECT 120");
        assertThat(restarted.sqlProperty().get()).isEqualTo("SELECT 120");
    }

    @Test
    void thePreferencesStoreKeepsTheSameHistoryInPreferenceKeys() {
        MemoryPreferences node = new MemoryPreferences();
        SqlHistory history = SqlHistory.preferences(node);
        IntStream.range(0, 55).forEach(i -> history.remember("SELECT " + i));
        history.remember("SELECT 40");
        history.remember("x".repeat(java.util.prefs.Preferences.MAX_VALUE_LENGTH + 1)); // too long to keep

        List<String> read = SqlHistory.preferences(node).list(); // a new instance reads the node again
        assertThat(read).hasSize(50).startsWith("SELECT 40", "SELECT 54", "SELECT 53");
        assertThat(read).doesNotHaveDuplicates().doesNotContain("SELECT 4");
        assertThat(node.values)
                .containsOnlyKeys(
                        IntStream.range(0, 50).mapToObj(i -> "sql.history." + i).toList());
    }

    @Test
    void explainShowsThePlanTreeWithIndexUse() {
        SqlViewModel vm = direct();
        vm.sqlProperty().set("SELECT * FROM " + TABLE + " WHERE name = 'n5'");

        vm.explain();

        QueryPlan plan = vm.planProperty().get();
        assertThat(plan.roots()).anySatisfy(node -> {
            assertThat(node.usesIndex()).isTrue();
            assertThat(node.detail()).contains("weird_name");
        });
        assertThat(vm.rows()).isEmpty(); // the grid is left alone
        assertThat(calls).containsExactly("sqlPlan");

        vm.sqlProperty().set("SELECT * FROM " + TABLE + " WHERE note = 'x'");
        vm.explain();
        assertThat(vm.planProperty().get().roots())
                .anySatisfy(node -> assertThat(node.scan()).isTrue());
        vm.closePlan();
        assertThat(vm.planProperty().get()).isNull();
    }

    @Test
    void exportWritesEveryRowOfTheStatementShownAsCsvAndJsonLines() throws Exception {
        SqlViewModel vm = direct();
        vm.sqlProperty().set("SELECT id, name FROM " + TABLE + " ORDER BY id");
        vm.run();
        Path csv = dir.resolve("out.csv");
        Path jsonl = dir.resolve("out.jsonl");

        vm.export(ExportFormat.CSV, csv);
        assertThat(vm.statusProperty().get()).startsWith("Exported 450 rows to out.csv");
        vm.export(ExportFormat.JSON_LINES, jsonl);

        List<String> csvLines = Files.readAllLines(csv);
        assertThat(csvLines).hasSize(451).startsWith("id,name", "1,n1");
        List<String> lines = Files.readAllLines(jsonl);
        assertThat(lines).hasSize(450).startsWith("{\"id\":1,\"name\":\"n1\"}");
        assertThat(vm.rows()).hasSize(200); // still the first page
    }

    @Test
    void theCellViewerShowsTheSelectedCellInFull() {
        SqlViewModel vm = direct();
        vm.sqlProperty().set("SELECT note FROM " + TABLE + " WHERE id = 7");
        vm.run();

        vm.selectCell(vm.rows().get(0).get(0), true);
        assertThat(vm.cellProperty().get()).contains("\"b\" : [ 2, 3 ]");
        vm.selectCell(null, true);
        assertThat(vm.cellProperty().get()).isEqualTo("NULL");
        vm.selectCell(null, false);
        assertThat(vm.cellProperty().get()).isEmpty();
    }

    @Test
    void elapsedTimeKeepsATenthOfAMillisecondBelowTen() {
        assertThat(SqlViewModel.millis(java.time.Duration.ofNanos(420_000))).isEqualTo("0.4 ms");
        assertThat(SqlViewModel.millis(java.time.Duration.ofMillis(1234))).isEqualTo("1234 ms");
    }

    @Test
    void anotherDatabaseClearsTheResultButKeepsTheEditorAndHistory() {
        SqlViewModel vm = direct();
        vm.sqlProperty().set("SELECT 1");
        vm.run();

        vm.reset();

        assertThat(vm.rows()).isEmpty();
        assertThat(vm.positionProperty().get()).isEmpty();
        assertThat(vm.sqlProperty().get()).isEqualTo("SELECT 1");
        assertThat(vm.history()).containsExactly("SELECT 1");
    }

    @Test
    void cancelStopsAnEndlessQueryOnAWorkerAndThePanelRunsTheNextAtOnce() throws Exception {
        QueuedExecutor executor = new QueuedExecutor();
        try {
            SqlViewModel vm = viewModel(executor);
            vm.sqlProperty().set("SELECT 'before'");
            vm.run();
            executor.outcomes.get(0).get(5, TimeUnit.SECONDS);
            executor.runCallbacks();
            executor.outcomes.clear();
            assertThat(vm.rows()).containsExactly(List.of("before"));
            vm.sqlProperty().set(ENDLESS);
            vm.run();
            assertThat(vm.runningProperty().get()).isTrue();
            assertThat(vm.statusProperty().get()).isEqualTo("Running…");
            Thread.sleep(300); // well inside the statement

            vm.cancel();

            assertThat(vm.runningProperty().get()).isFalse();
            assertThat(vm.statusProperty().get()).matches("Cancelled after \\d+ ms");
            assertThat(vm.rows()).isEmpty(); // not the rows of the statement before
            assertThat(vm.positionProperty().get()).isEmpty();
            // The statement itself stopped: core's cancel interrupted it in the engine.
            assertThat(executor.outcomes.get(0).get(5, TimeUnit.SECONDS)).isInstanceOf(CancelledException.class);
            executor.runCallbacks(); // the dropped callbacks deliver nothing
            assertThat(banner).isEmpty();
            assertThat(vm.statusProperty().get()).startsWith("Cancelled after");

            vm.sqlProperty().set("SELECT 1");
            vm.run();
            executor.outcomes.get(1).get(5, TimeUnit.SECONDS);
            executor.runCallbacks();
            assertThat(vm.rows()).containsExactly(List.of(1L));
            assertThat(vm.runningProperty().get()).isFalse();
            assertThat(vm.statusProperty().get()).isEmpty();
        } finally {
            executor.shutdown();
        }
    }

    @Test
    void aCancelRightAfterTheStartStillStopsTheStatement() throws Exception {
        // A cancel between core registering the statement and the engine starting it interrupts
        // nothing; the panel cancels again until the work has ended.
        QueuedExecutor executor = new QueuedExecutor();
        try {
            SqlViewModel vm = viewModel(executor);
            vm.sqlProperty().set(ENDLESS);
            for (int i = 0; i < 30; i++) {
                vm.run();
                Thread.sleep(i % 5); // land the cancel at different moments of the start
                vm.cancel();
                assertThat(executor.outcomes.get(i).get(5, TimeUnit.SECONDS))
                        .as("attempt %d", i)
                        .satisfiesAnyOf(
                                outcome -> assertThat(outcome).isInstanceOf(CancelledException.class),
                                outcome -> assertThat(outcome).isSameAs(QueuedExecutor.NOT_RUN));
            }
            executor.runCallbacks();
            assertThat(banner).isEmpty();
        } finally {
            executor.shutdown();
        }
    }

    @Test
    void escapeWhileOnlyTheCountRunsStopsTheCount() throws Exception {
        QueuedExecutor executor = new QueuedExecutor();
        try {
            SqlViewModel vm = viewModel(executor);
            // Rows come at once; counting them never ends.
            vm.sqlProperty().set("WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x+1 FROM c) SELECT x FROM c");
            vm.run();
            executor.outcomes.get(0).get(5, TimeUnit.SECONDS);
            executor.runCallbacks();
            assertThat(vm.rows()).hasSize(200);
            assertThat(vm.countingProperty().get()).isTrue();
            assertThat(vm.positionProperty().get()).isEqualTo("Rows 1–200 of … rows (counting…)");

            vm.cancel();

            assertThat(vm.countingProperty().get()).isFalse();
            assertThat(vm.positionProperty().get()).isEqualTo("Rows 1–200 of ? rows (count cancelled)");
            assertThat(executor.outcomes.get(1).get(5, TimeUnit.SECONDS))
                    .satisfiesAnyOf(
                            outcome -> assertThat(outcome).isInstanceOf(CancelledException.class),
                            outcome -> assertThat(outcome).isSameAs(QueuedExecutor.NOT_RUN));
            executor.runCallbacks();
            assertThat(banner).isEmpty();
        } finally {
            executor.shutdown();
        }
    }

    /**
     * Work on a real background thread, callbacks queued for the test thread (which plays the FX
     * thread); each work's outcome (its value or what it threw) is kept to see when it really ended.
     */
    static final class QueuedExecutor implements TaskExecutor {
        /** The outcome of work cancelled before a worker took it up. */
        static final Object NOT_RUN = "not run";

        final java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newFixedThreadPool(2);
        final LinkedBlockingQueue<Runnable> callbacks = new LinkedBlockingQueue<>();
        final List<CompletableFuture<Object>> outcomes = new java.util.concurrent.CopyOnWriteArrayList<>();

        @Override
        public <T> TaskHandle execute(Callable<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure) {
            CompletableFuture<Object> outcome = new CompletableFuture<>();
            outcomes.add(outcome);
            boolean[] cancelled = {false};
            java.util.concurrent.atomic.AtomicBoolean started = new java.util.concurrent.atomic.AtomicBoolean();
            java.util.concurrent.Future<?> running = threads.submit(() -> {
                started.set(true);
                try {
                    T value = work.call();
                    callbacks.add(() -> {
                        if (!cancelled[0]) {
                            onSuccess.accept(value);
                        }
                    });
                    outcome.complete(value); // after its callback is queued
                } catch (Exception e) {
                    callbacks.add(() -> {
                        if (!cancelled[0]) {
                            onFailure.accept(e);
                        }
                    });
                    outcome.complete(e);
                }
            });
            return () -> {
                cancelled[0] = true;
                running.cancel(true); // as FxTaskExecutor: interrupts it, or it never runs
                if (!started.get()) {
                    outcome.complete(NOT_RUN);
                }
            };
        }

        void runCallbacks() {
            Stream.generate(callbacks::poll).takeWhile(r -> r != null).forEach(Runnable::run);
        }

        @Override
        public void shutdown() {
            threads.shutdownNow();
        }
    }

    /** Preferences in a map: the preferences store's own code, without the user's preferences. */
    static final class MemoryPreferences extends AbstractPreferences {
        final Map<String, String> values = new HashMap<>();

        MemoryPreferences() {
            super(null, "");
        }

        @Override
        protected void putSpi(String key, String value) {
            values.put(key, value);
        }

        @Override
        protected String getSpi(String key) {
            return values.get(key);
        }

        @Override
        protected void removeSpi(String key) {
            values.remove(key);
        }

        @Override
        protected void removeNodeSpi() {}

        @Override
        protected String[] keysSpi() {
            return values.keySet().toArray(String[]::new);
        }

        @Override
        protected String[] childrenNamesSpi() {
            return new String[0];
        }

        @Override
        protected AbstractPreferences childSpi(String name) {
            throw new UnsupportedOperationException();
        }

        @Override
        protected void syncSpi() {}

        @Override
        protected void flushSpi() {}
    }
}
