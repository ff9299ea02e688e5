package dev.runstore.desktop.sql;

import dev.runstore.core.error.CancelledException;
import dev.runstore.core.error.InvalidInputException;
import dev.runstore.core.query.Cancellation;
import dev.runstore.core.query.ExportFormat;
import dev.runstore.core.query.QueryPlan;
import dev.runstore.core.query.QueryResult;
import dev.runstore.core.query.SqlRefusedException;
import dev.runstore.desktop.data.DatabaseSession;
import dev.runstore.desktop.grid.CellDetail;
import dev.runstore.desktop.panel.Panel;
import dev.runstore.desktop.panel.PanelContext;
import dev.runstore.desktop.task.TaskHandle;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The SQL panel: read-only SQL the person types, run through the session (core's guard) only when
 * asked, so showing or refreshing the tab reads nothing. Results come in pages of {@link #PAGE_SIZE}
 * by offset, then a row count in the background; a plan as a tree; every row exported to a file;
 * one operation (a page, a plan, an export) at a time, which {@link #cancel} really stops (core's
 * {@link Cancellation} interrupts the statement, the task handle drops its callbacks).
 *
 * <p>A new statement that fails (refused, invalid SQL, any other error) or is cancelled before its
 * first page clears the grid: what the grid shows is always the result of the last statement run,
 * whose text is {@link #shownSql}; a failed or cancelled page, plan or export leaves it as it is.
 * An error goes to the banner as one line and to {@link #statusProperty} in words. Called on the FX
 * thread; no scene classes, so it is tested without a toolkit.
 */
public final class SqlViewModel implements Panel {
    /** Rows per page, as the browser reads them. */
    public static final int PAGE_SIZE = 200;

    private final PanelContext context;
    private final SqlHistory store;

    private final StringProperty sql = new SimpleStringProperty("");
    private final ObservableList<String> columns = FXCollections.observableArrayList();
    private final ObservableList<List<Object>> rows = FXCollections.observableArrayList();
    private final ObservableList<String> history = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper position = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper elapsed = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper failed = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper cell = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<QueryPlan> plan = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper counting = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper hasBefore = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper hasAfter = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper hasResult = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper(false);

    /** The statement whose rows are shown (paging and export use it, not the editor's text). */
    private String shownSql;

    private long offset;
    private int shownRows;
    private OptionalLong count = OptionalLong.empty();
    private boolean countCancelled;

    /** The operation in flight: at most one. */
    private Operation operation;

    private Stoppable countStop = new Stoppable();
    private TaskHandle countHandle;

    /**
     * A core cancellation and whether the work it stops is still running. {@link #stop} repeats the
     * cancel while it is: SQLite documents an interrupt sent while no statement runs as a no-op, so a
     * cancel landing after core registered the statement but before the engine started it could be
     * lost and the statement run on. A defence: the window is microseconds and tests did not hit it.
     */
    static final class Stoppable {
        private static final long RETRY_MILLIS = 50;
        private static final int RETRIES = 600; // 30 s, then the worker is left to itself

        final Cancellation cancellation = new Cancellation();
        /** Whether the work is on a worker now (work not begun finds the token cancelled and stops). */
        private final AtomicBoolean running = new AtomicBoolean();

        /** {@code work} that notes while it runs, however it ends. */
        <T> Callable<T> watching(Callable<T> work) {
            return () -> {
                running.set(true);
                try {
                    return work.call();
                } finally {
                    running.set(false);
                }
            };
        }

        void stop() {
            cancellation.cancel();
            if (running.get()) {
                Retries.THREAD.schedule(() -> again(1), RETRY_MILLIS, TimeUnit.MILLISECONDS);
            }
        }

        private void again(int attempt) {
            if (!running.get()) {
                return;
            }
            cancellation.cancel();
            if (attempt < RETRIES) {
                Retries.THREAD.schedule(() -> again(attempt + 1), RETRY_MILLIS, TimeUnit.MILLISECONDS);
            }
        }

        /** One daemon thread for the repeated cancels, started the first time one is needed. */
        private static final class Retries {
            static final ScheduledExecutorService THREAD = Executors.newSingleThreadScheduledExecutor(run -> {
                Thread thread = new Thread(run, "runstore-sql-cancel");
                thread.setDaemon(true);
                return thread;
            });
        }
    }

    /** One piece of work the person asked for: what cancels it and when it started. */
    private static final class Operation {
        final Stoppable stoppable = new Stoppable();
        final Cancellation cancellation = stoppable.cancellation;
        final long started = System.nanoTime();
        /** A new statement's first page: when it does not finish, the grid is cleared. */
        final boolean fresh;

        TaskHandle handle;

        Operation(boolean fresh) {
            this.fresh = fresh;
        }

        long millis() {
            return Duration.ofNanos(System.nanoTime() - started).toMillis();
        }
    }

    public SqlViewModel(PanelContext context, SqlHistory store) {
        this.context = context;
        this.store = store;
        history.setAll(store.list());
        loading.bind(running.or(counting));
    }

    // ---- Panel: the SQL panel reads only when asked --------------------------------------------

    @Override
    public void activate() {}

    @Override
    public void deactivate() {}

    @Override
    public void refresh() {}

    /** Another database is open: stops what runs and forgets the result; the editor and history stay. */
    @Override
    public void reset() {
        stopOperation();
        cancelCount();
        clearResult();
        plan.set(null);
        setStatus("", false);
    }

    /** Whether a statement, a plan, an export or a count is in flight. */
    @Override
    public ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }

    // ---- commands ------------------------------------------------------------------------------

    /** Runs the editor's statement from its first row (Ctrl+Enter, Run); remembers it in the history. */
    public void run() {
        String text = editorText();
        if (text == null) {
            return;
        }
        remember(text);
        cancelCount();
        page(text, 0, true);
    }

    /** The next page of the statement shown. */
    public void next() {
        if (shownSql != null && hasAfter.get() && !running.get()) {
            page(shownSql, offset + shownRows, false);
        }
    }

    /** The previous page of the statement shown. */
    public void previous() {
        if (shownSql != null && hasBefore.get() && !running.get()) {
            page(shownSql, Math.max(0, offset - PAGE_SIZE), false);
        }
    }

    /** The editor's statement's plan (EXPLAIN QUERY PLAN) as a tree; the grid stays as it is. */
    public void explain() {
        String text = editorText();
        if (text == null) {
            return;
        }
        remember(text);
        start(
                "Explaining…",
                (session, cancel) -> session.sqlPlan(text, cancel),
                (Operation op, QueryPlan shown) -> {
                    plan.set(shown);
                    setStatus("Plan in " + op.millis() + " ms", false);
                },
                false);
    }

    /** Every row of the statement shown (or, before any ran, of the editor's) to {@code file}. */
    public void export(ExportFormat format, Path file) {
        String text = shownSql != null ? shownSql : editorText();
        if (text == null) {
            return;
        }
        start(
                "Exporting to " + file.getFileName() + "…",
                (session, cancel) -> session.sqlExport(text, format, file, cancel),
                (Operation op, Long written) -> setStatus(
                        String.format(
                                Locale.ROOT,
                                "Exported %,d %s to %s in %d ms",
                                written,
                                written == 1 ? "row" : "rows",
                                file.getFileName(),
                                op.millis()),
                        false),
                false);
    }

    /**
     * Cancel and Escape: stops the statement running (core's cancel interrupts it in the engine)
     * and says after how long; with nothing running, stops the row count. The panel is usable at
     * once: the next run starts on its own cancellation.
     */
    public void cancel() {
        Operation stopped = operation;
        if (stopped != null) {
            stopOperation();
            cancelled(stopped);
        } else if (counting.get()) {
            cancelCount();
            countCancelled = true;
            showPosition();
        }
    }

    /** The grid's selected cell, in full for the viewer; null when none is selected. */
    public void selectCell(Object value, boolean selected) {
        cell.set(selected ? CellDetail.describe(value) : "");
    }

    /** A statement picked from the history goes back into the editor. */
    public void pick(String statement) {
        if (statement != null) {
            sql.set(statement);
        }
    }

    /** Hides the plan. */
    public void closePlan() {
        plan.set(null);
    }

    // ---- internals -----------------------------------------------------------------------------

    /** A piece of work: the session call to make, stopped by {@code cancel}. */
    private interface Work<T> {
        T call(DatabaseSession session, Cancellation cancel);
    }

    private interface Done<T> {
        void accept(Operation op, T value);
    }

    private void page(String text, long from, boolean fresh) {
        start(
                "Running…",
                (session, cancel) -> session.sql(text, from, PAGE_SIZE, cancel),
                (Operation op, QueryResult result) -> show(text, from, fresh, result),
                fresh);
    }

    /** Starts {@code work} as the one operation; {@code fresh} for a new statement's first page. */
    private <T> void start(String doing, Work<T> work, Done<T> done, boolean fresh) {
        DatabaseSession session = context.session().get();
        if (session == null) {
            setStatus("Open a database first.", true);
            return;
        }
        stopOperation();
        Operation op = new Operation(fresh);
        operation = op;
        running.set(true);
        setStatus(doing, false);
        Consumer<T> succeeded = value -> {
            if (operation != op || context.session().get() != session) {
                return;
            }
            finish();
            done.accept(op, value);
            context.loaded().run(); // a statement that worked clears an earlier banner
        };
        Consumer<Throwable> failedWith = failure -> {
            if (operation != op || context.session().get() != session) {
                return;
            }
            finish();
            if (failure instanceof CancelledException || op.cancellation.isCancelled()) {
                cancelled(op);
                return;
            }
            if (op.fresh) {
                clearResult();
            }
            setStatus(describe(failure), true);
            context.errors().accept(failure);
        };
        Callable<T> call = op.stoppable.watching(() -> work.call(session, op.cancellation));
        TaskHandle handle = context.executor().execute(call, succeeded, failedWith);
        if (operation == op) { // still running (a synchronous executor has finished already)
            op.handle = handle;
        }
    }

    private void show(String text, long from, boolean fresh, QueryResult result) {
        shownSql = text;
        offset = from;
        shownRows = result.rows().size();
        if (!columns.equals(result.columns())) {
            columns.setAll(result.columns());
        }
        rows.setAll(result.rows());
        hasResult.set(true);
        hasBefore.set(from > 0);
        hasAfter.set(result.more());
        elapsed.set(millis(result.elapsed()));
        setStatus("", false);
        cell.set("");
        if (!result.more()) {
            count = OptionalLong.of(from + shownRows); // the last page tells the count: no query
            cancelCount();
        } else if (fresh) {
            startCount(text);
        }
        showPosition();
    }

    private void startCount(String text) {
        cancelCount();
        DatabaseSession session = context.session().get();
        if (session == null) {
            return;
        }
        count = OptionalLong.empty();
        countCancelled = false;
        Stoppable stop = new Stoppable();
        Cancellation cancel = stop.cancellation;
        countStop = stop;
        counting.set(true);
        TaskHandle[] handle = new TaskHandle[1];
        handle[0] = context.executor()
                .execute(
                        stop.watching(() -> session.sqlCount(text, cancel)),
                        all -> {
                            if (countStop != stop) {
                                return;
                            }
                            counting.set(false);
                            countHandle = null;
                            count = OptionalLong.of(all);
                            showPosition();
                        },
                        failure -> {
                            if (countStop != stop) {
                                return;
                            }
                            counting.set(false);
                            countHandle = null;
                            if (!cancel.isCancelled()) {
                                context.errors().accept(failure);
                            }
                        });
        if (counting.get() && countStop == stop) {
            countHandle = handle[0];
        }
    }

    private void cancelCount() {
        countStop.stop();
        countStop = new Stoppable();
        if (countHandle != null) {
            countHandle.cancel();
            countHandle = null;
        }
        counting.set(false);
    }

    /** A new statement that was stopped leaves no rows: the grid never shows another's. */
    private void cancelled(Operation op) {
        if (op.fresh) {
            clearResult();
        }
        setStatus("Cancelled after " + op.millis() + " ms", false);
    }

    private void stopOperation() {
        Operation op = operation;
        if (op == null) {
            return;
        }
        op.stoppable.stop(); // sqlite3_interrupt: the statement stops in the engine
        if (op.handle != null) {
            op.handle.cancel(); // drops the callbacks and interrupts the worker
        }
        finish();
    }

    private void finish() {
        operation = null;
        running.set(false);
    }

    private void clearResult() {
        shownSql = null;
        offset = 0;
        shownRows = 0;
        count = OptionalLong.empty();
        countCancelled = false;
        columns.clear();
        rows.clear();
        cell.set("");
        position.set("");
        elapsed.set("");
        hasBefore.set(false);
        hasAfter.set(false);
        hasResult.set(false);
    }

    private void showPosition() {
        if (shownSql == null) {
            return;
        }
        String total = count.isPresent()
                ? String.format(Locale.ROOT, "%,d %s", count.getAsLong(), count.getAsLong() == 1 ? "row" : "rows")
                : countCancelled ? "? rows (count cancelled)" : "… rows (counting…)";
        if (shownRows == 0) {
            position.set(offset == 0 ? "No rows" : "No rows from row " + (offset + 1));
            return;
        }
        position.set(String.format(Locale.ROOT, "Rows %,d–%,d of %s", offset + 1, offset + shownRows, total));
    }

    private void setStatus(String text, boolean failure) {
        status.set(text);
        failed.set(failure);
    }

    private void remember(String text) {
        store.remember(text);
        history.setAll(store.list());
    }

    /** The editor's statement, stripped; null (and a word in the status line) when it is blank. */
    private String editorText() {
        String text = sql.get() == null ? "" : sql.get().strip();
        if (text.isEmpty()) {
            setStatus("Type a statement to run.", false);
            return null;
        }
        return text;
    }

    /** "0.4 ms", "12 ms": a tenth of a millisecond below ten, so a fast query does not say 0 ms. */
    static String millis(Duration elapsed) {
        double ms = elapsed.toNanos() / 1e6;
        return ms < 10 ? String.format(Locale.ROOT, "%.1f ms", ms) : Math.round(ms) + " ms";
    }

    /** What the status line says about a failure, in words. */
    static String describe(Throwable failure) {
        Throwable shown = failure;
        while (shown.getCause() != null && shown.getMessage() == null) {
            shown = shown.getCause();
        }
        if (shown instanceof SqlRefusedException refused) {
            return "Not run: " + refused.getMessage() + ". Instead, " + refused.hint() + ".";
        }
        if (shown instanceof InvalidInputException invalid) {
            return "Not run: " + invalid.getMessage();
        }
        return "Failed: " + (shown.getMessage() == null ? shown.getClass().getSimpleName() : shown.getMessage());
    }

    // ---- properties ----------------------------------------------------------------------------

    /** The editor's text. */
    public StringProperty sqlProperty() {
        return sql;
    }

    public ObservableList<String> columns() {
        return columns;
    }

    public ObservableList<List<Object>> rows() {
        return rows;
    }

    /** The recent statements, newest first. */
    public ObservableList<String> history() {
        return history;
    }

    /** "Rows 1–200 of 1,234 rows", "Rows 201–400 of … rows (counting…)", "No rows". */
    public ReadOnlyStringProperty positionProperty() {
        return position.getReadOnlyProperty();
    }

    /** How long the page shown took: "12 ms". */
    public ReadOnlyStringProperty elapsedProperty() {
        return elapsed.getReadOnlyProperty();
    }

    /** What the panel is doing or what went wrong, in words: "Running…", "Cancelled after 250 ms". */
    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** Whether the status line reports a failure. */
    public ReadOnlyBooleanProperty failedProperty() {
        return failed.getReadOnlyProperty();
    }

    /** The selected cell in full. */
    public ReadOnlyStringProperty cellProperty() {
        return cell.getReadOnlyProperty();
    }

    /** The plan asked for last, or null when none is shown. */
    public ReadOnlyObjectProperty<QueryPlan> planProperty() {
        return plan.getReadOnlyProperty();
    }

    /** Whether a statement, a plan or an export is running (the Run button is Cancel meanwhile). */
    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    /** Whether the row count is still running. */
    public ReadOnlyBooleanProperty countingProperty() {
        return counting.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty hasBeforeProperty() {
        return hasBefore.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty hasAfterProperty() {
        return hasAfter.getReadOnlyProperty();
    }

    /** Whether a result is shown (export needs one). */
    public ReadOnlyBooleanProperty hasResultProperty() {
        return hasResult.getReadOnlyProperty();
    }

    /** The statement whose rows are shown, or null. */
    public String shownSql() {
        return shownSql;
    }

    /** The offset of the first row shown. */
    public long offset() {
        return offset;
    }

    /** The full count once known. */
    public OptionalLong count() {
        return count;
    }
}
