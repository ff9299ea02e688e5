package dev.runstore.desktop.overview;

import dev.runstore.core.admin.CheckReport;
import dev.runstore.core.admin.CheckResult;
import dev.runstore.core.catalog.Overview;
import dev.runstore.core.migrate.MigrationStatus;
import dev.runstore.core.stats.ChartRange;
import dev.runstore.core.store.Run;
import dev.runstore.desktop.chart.RatesViewModel;
import dev.runstore.desktop.data.DatabaseSession;
import dev.runstore.desktop.format.Sizes;
import dev.runstore.desktop.format.Times;
import dev.runstore.desktop.panel.LoadingPanel;
import dev.runstore.desktop.panel.PanelContext;
import dev.runstore.desktop.task.TaskHandle;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Overview panel. It shows at once what is cheap (the file, the engine, migrations, runs by
 * status, the last event, the runs timeline), then draws the event-rate chart over the chosen range
 * ({@link RatesViewModel}: in the background, continued from its last bucket by each refresh), counts every table's rows and runs the checks behind it (they run
 * on open, then on demand). A live refresh re-reads only the cheap figures ({@link
 * Overview#refreshed}): a few indexed reads however large the database is. Table counts say when
 * they were counted; "Count again" and "Run checks" read those afresh.
 */
public final class OverviewViewModel extends LoadingPanel<OverviewViewModel.Loaded> {
    /** How many recent runs the runs timeline draws. */
    public static final int TIMELINE_RUNS = 12;

    /** One load: the overview, the checks when they were run by this load, and the runs timeline's runs. */
    public record Loaded(Overview overview, Optional<CheckReport> checks, List<Run> timeline) {}

    /** The runs timeline's runs, and the moment a running run's bar ends. */
    public record Timeline(List<Run> runs, Instant now) {}

    /** A table and its row count, for the overview's table list. */
    public record TableCount(String table, long rows) {}

    private Overview shown;
    private boolean checksWanted = true;
    /** Table counts of the latest count, kept across live refreshes, which do not count. */
    private Map<String, Long> counts;

    private TaskHandle counting;
    private TaskHandle checking;
    /** Counts or checks still running behind the shown overview. */
    private final ReadOnlyBooleanWrapper countingNow = new ReadOnlyBooleanWrapper(false);

    private final ReadOnlyBooleanWrapper checkingNow = new ReadOnlyBooleanWrapper(false);

    private final ReadOnlyStringWrapper file = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper storage = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper engine = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper migrations = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper migrationsOk = new ReadOnlyBooleanWrapper(true);
    private final ReadOnlyStringWrapper checks = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper checksOk = new ReadOnlyBooleanWrapper(true);
    private final ReadOnlyStringWrapper activity = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper runs = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper counted = new ReadOnlyStringWrapper("");
    private final ObservableList<TableCount> tables = FXCollections.observableArrayList();

    private final RatesViewModel rates;
    private final ObjectProperty<ChartRange> range = new SimpleObjectProperty<>(ChartRange.DAY);
    private final ReadOnlyObjectWrapper<Timeline> timeline =
            new ReadOnlyObjectWrapper<>(new Timeline(List.of(), Instant.EPOCH));

    public OverviewViewModel(PanelContext context) {
        super(context);
        rates = new RatesViewModel(context);
        // The choice is kept when another database opens: it is the person's, not the file's.
        range.addListener((o, was, now) -> {
            if (now != null && shown != null && shown.runstoreSchema()) {
                rates.showRange(now);
            }
        });
    }

    @Override
    protected Callable<Loaded> loader(DatabaseSession session) {
        Overview previous = shown;
        return () -> {
            Overview o = previous == null ? session.overview() : session.overview(previous);
            // The newest runs by the started_at index: cheap on any size, so every refresh reads them.
            List<Run> timeline = o.runstoreSchema() ? session.runsTimeline(TIMELINE_RUNS) : List.of();
            return new Loaded(o, Optional.empty(), timeline);
        };
    }

    @Override
    protected void show(Loaded loaded) {
        Overview o = loaded.overview();
        boolean first = shown == null;
        shown = o;
        file.set(o.location());
        storage.set(Sizes.of(o.sizeBytes()) + " on disk"
                + o.walBytes().map(w -> " · WAL " + Sizes.of(w)).orElse(""));
        engine.set(o.engine() + " · journal mode " + o.journalMode());
        showMigrations(o.migrations());
        timeline.set(new Timeline(loaded.timeline(), Instant.now()));
        if (o.runstoreSchema()) {
            // Before the counts and the checks: on a large file those take the workers for seconds,
            // and the chart is what the person looks at first.
            if (first) {
                rates.showRange(range.get());
            } else {
                rates.refresh();
            }
        }
        if (counts == null && !countingNow.get()) {
            count(o);
        }
        if (checksWanted) {
            checksWanted = false;
            check();
        }
        if (!o.runstoreSchema()) {
            activity.set("Not a runstore database: no runs or events tables. Browse, Structure and SQL work on it.");
            runs.set("");
        } else {
            activity.set(
                    o.lastEventAt().map(t -> "Last event " + Times.compact(t)).orElse("No events yet") + " · "
                            + (o.eventsLastHour() > Overview.LAST_HOUR_CAP
                                    ? String.format(Locale.ROOT, "more than %,d", Overview.LAST_HOUR_CAP)
                                    : String.format(Locale.ROOT, "%,d", o.eventsLastHour()))
                            + " in the last hour");
            runs.set(
                    o.runsByStatus().isEmpty()
                            ? "No runs yet"
                            : o.runsByStatus().entrySet().stream()
                                    .map(e -> String.format(Locale.ROOT, "%,d %s", e.getValue(), e.getKey()))
                                    .collect(Collectors.joining(" · ")));
        }
    }

    /** The table counts, behind the rest of the overview: on a large database they take longest. */
    private void count(Overview o) {
        DatabaseSession session = context.session().get();
        if (session == null) {
            return;
        }
        counted.set(counts == null ? "Counting rows…" : "Counting again…");
        countingNow.set(true);
        counting = context.executor()
                .execute(
                        () -> session.overviewCounts(o),
                        withCounts -> {
                            countingNow.set(false);
                            if (context.session().get() == session) {
                                counts = withCounts.tableCounts();
                                counted.set("Counted " + Times.compact(withCounts.countedAt()));
                                tables.setAll(counts.entrySet().stream()
                                        .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
                                                .thenComparing(Map.Entry.comparingByKey()))
                                        .map(e -> new TableCount(e.getKey(), e.getValue()))
                                        .toList());
                            }
                        },
                        failure -> {
                            countingNow.set(false);
                            counted.set("");
                            context.errors().accept(failure);
                        });
    }

    /** The checks: they read every page (quick_check), so they run after the overview is shown. */
    private void check() {
        DatabaseSession session = context.session().get();
        if (session == null) {
            return;
        }
        checks.set("Running the checks…");
        checkingNow.set(true);
        checking = context.executor()
                .execute(
                        session::checks,
                        report -> {
                            checkingNow.set(false);
                            if (context.session().get() == session) {
                                showChecks(report);
                            }
                        },
                        failure -> {
                            checkingNow.set(false);
                            checks.set("");
                            context.errors().accept(failure);
                        });
    }

    private void showMigrations(MigrationStatus status) {
        migrationsOk.set(status.upToDate());
        String head = status.currentVersion() == null ? "never migrated" : "version " + status.currentVersion();
        String state;
        if (!status.problems().isEmpty()) {
            state = status.problems().size() + " problem" + (status.problems().size() == 1 ? "" : "s") + ": "
                    + status.problems().get(0);
        } else if (!status.pending().isEmpty()) {
            state = status.pending().size() + " pending (this program has " + status.latestVersion() + ")";
        } else {
            state = "up to date";
        }
        migrations.set(
                head + " · " + state + (status.environment() == null ? "" : " · environment " + status.environment()));
    }

    private void showChecks(CheckReport report) {
        checksOk.set(report.ok());
        long failed = report.checks().stream().filter(c -> !c.passed()).count();
        checks.set(
                failed == 0
                        ? "All " + report.checks().size() + " checks passed"
                        : failed + " of " + report.checks().size() + " failed: "
                                + report.checks().stream()
                                        .filter(c -> !c.passed())
                                        .map(CheckResult::name)
                                        .collect(Collectors.joining(", ")));
    }

    @Override
    protected void clear() {
        for (TaskHandle running : new TaskHandle[] {counting, checking}) {
            if (running != null) {
                running.cancel();
            }
        }
        counting = null;
        checking = null;
        countingNow.set(false);
        checkingNow.set(false);
        shown = null;
        counts = null;
        checksWanted = true;
        file.set("");
        storage.set("");
        engine.set("");
        migrations.set("");
        checks.set("");
        activity.set("");
        runs.set("");
        counted.set("");
        tables.clear();
        rates.clear();
        timeline.set(new Timeline(List.of(), Instant.EPOCH));
    }

    /** "Run checks": the checks again. */
    public void runChecks() {
        if (!checkingNow.get() && shown != null) {
            check();
        }
    }

    /** "Count again": every table's rows counted afresh. */
    public void recount() {
        if (!countingNow.get() && shown != null) {
            count(shown);
        }
    }

    /** Whether the table counts or the checks are still running behind the shown overview. */
    public boolean followingUp() {
        return countingNow.get() || checkingNow.get() || rates.loading();
    }

    /** The event-rate chart: every run's events over {@link #rangeProperty}. */
    public RatesViewModel rates() {
        return rates;
    }

    /** The event-rate chart's range, 24 h at first. */
    public ObjectProperty<ChartRange> rangeProperty() {
        return range;
    }

    /** The runs timeline's runs, read with each load. */
    public ReadOnlyObjectProperty<Timeline> timelineProperty() {
        return timeline.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty fileProperty() {
        return file.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty storageProperty() {
        return storage.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty engineProperty() {
        return engine.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty migrationsProperty() {
        return migrations.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty migrationsOkProperty() {
        return migrationsOk.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty checksProperty() {
        return checks.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty checksOkProperty() {
        return checksOk.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty activityProperty() {
        return activity.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty runsProperty() {
        return runs.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty countedProperty() {
        return counted.getReadOnlyProperty();
    }

    public ObservableList<TableCount> tables() {
        return tables;
    }
}
