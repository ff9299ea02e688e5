package dev.runstore.desktop.overview;

import dev.runstore.core.admin.CheckReport;
import dev.runstore.core.admin.CheckResult;
import dev.runstore.core.catalog.Overview;
import dev.runstore.core.migrate.MigrationStatus;
import dev.runstore.desktop.data.DatabaseSession;
import dev.runstore.desktop.panel.LoadingPanel;
import dev.runstore.desktop.panel.PanelContext;
import dev.runstore.desktop.tables.TablesViewModel;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Overview panel. The first load after an open reads everything, checks included (they run on
 * open, then on demand); a live refresh re-reads only the cheap figures ({@link
 * Overview#refreshed}), so it costs a few indexed reads however large the database is. Table counts
 * say when they were counted; "Count again" and "Run checks" read those afresh.
 */
public final class OverviewViewModel extends LoadingPanel<OverviewViewModel.Loaded> {
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    /** One load: the overview, and the checks when they were run by this load. */
    public record Loaded(Overview overview, Optional<CheckReport> checks) {}

    /** A table and its row count, for the overview's table list. */
    public record TableCount(String table, long rows) {}

    private Overview shown;
    private boolean checksWanted = true;
    private boolean recountWanted;

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

    public OverviewViewModel(PanelContext context) {
        super(context);
    }

    @Override
    protected Callable<Loaded> loader(DatabaseSession session) {
        Overview previous = recountWanted ? null : shown;
        boolean runChecks = checksWanted;
        recountWanted = false;
        checksWanted = false;
        if (runChecks) {
            checks.set("Running the checks…");
        }
        return () -> new Loaded(
                previous == null ? session.overview() : session.overview(previous),
                runChecks ? Optional.of(session.checks()) : Optional.empty());
    }

    @Override
    protected void show(Loaded loaded) {
        Overview o = loaded.overview();
        shown = o;
        file.set(o.location());
        storage.set(TablesViewModel.humanBytes(o.sizeBytes()) + " on disk"
                + o.walBytes()
                        .map(w -> " · WAL " + TablesViewModel.humanBytes(w))
                        .orElse(""));
        engine.set(o.engine() + " · journal mode " + o.journalMode());
        showMigrations(o.migrations());
        loaded.checks().ifPresent(this::showChecks);
        if (!o.runstoreSchema()) {
            activity.set("Not a runstore database: no runs or events tables. Browse, Structure and SQL work on it.");
            runs.set("");
        } else {
            activity.set(
                    o.lastEventAt().map(t -> "Last event " + TIME.format(t)).orElse("No events yet") + " · "
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
        counted.set("Counted " + TIME.format(o.countedAt()));
        tables.setAll(o.tableCounts().entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
                        .thenComparing(Map.Entry.comparingByKey()))
                .map(e -> new TableCount(e.getKey(), e.getValue()))
                .toList());
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
        shown = null;
        checksWanted = true;
        recountWanted = false;
        file.set("");
        storage.set("");
        engine.set("");
        migrations.set("");
        checks.set("");
        activity.set("");
        runs.set("");
        counted.set("");
        tables.clear();
    }

    /** "Run checks": the checks again, with the rest. */
    public void runChecks() {
        checksWanted = true;
        reload();
    }

    /** "Count again": the table counts and the migration status read afresh. */
    public void recount() {
        recountWanted = true;
        reload();
    }

    /** When the shown figures were read, for tests. */
    Optional<Instant> countedAt() {
        return Optional.ofNullable(shown).map(Overview::countedAt);
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
