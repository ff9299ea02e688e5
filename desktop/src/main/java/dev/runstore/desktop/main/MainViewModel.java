package dev.runstore.desktop.main;

import dev.runstore.core.admin.ResetResult;
import dev.runstore.core.migrate.MigrationStatus;
import dev.runstore.core.query.Filter;
import dev.runstore.desktop.browse.BrowseViewModel;
import dev.runstore.desktop.checks.ChecksViewModel;
import dev.runstore.desktop.connect.RecentConnections;
import dev.runstore.desktop.data.DatabaseSession;
import dev.runstore.desktop.migrations.MigrationsViewModel;
import dev.runstore.desktop.overview.OverviewViewModel;
import dev.runstore.desktop.panel.Navigation;
import dev.runstore.desktop.panel.Panel;
import dev.runstore.desktop.panel.PanelContext;
import dev.runstore.desktop.reset.ResetConfirmation;
import dev.runstore.desktop.runs.RunsViewModel;
import dev.runstore.desktop.sql.SqlHistory;
import dev.runstore.desktop.sql.SqlViewModel;
import dev.runstore.desktop.structure.StructureViewModel;
import dev.runstore.desktop.tables.TablesViewModel;
import dev.runstore.desktop.task.TaskExecutor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.stream.Stream;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The console's state and commands: which database is open, the banner, live refresh, the dev
 * reset's gate and busy state, and the panels. Each panel loads its own data, only while its tab
 * is visible ({@link Panel}; the rule is in the panel package's documentation): a refresh costs the
 * visible panel's load alone. No JavaFX scene classes: it is tested without a toolkit, with a
 * synchronous {@link TaskExecutor}.
 */
public final class MainViewModel {
    /** Opens sessions; tests and the app pass the real one, a test may count calls. */
    public interface Sessions {
        DatabaseSession open(Path path);

        DatabaseSession openDemo();

        /** A PostgreSQL server: {@code jdbc:postgresql://…} and a typed password (null: none). */
        default DatabaseSession connect(String url, String password) {
            return DatabaseSession.open(url, password, false);
        }

        /** Real read-only sessions; {@code resetAllowed} is RUNSTORE_ALLOW_RESET's verdict. */
        static Sessions real(boolean resetAllowed) {
            return new Sessions() {
                @Override
                public DatabaseSession open(Path path) {
                    return DatabaseSession.open(path, resetAllowed);
                }

                @Override
                public DatabaseSession openDemo() {
                    return DatabaseSession.openDemo(resetAllowed);
                }

                @Override
                public DatabaseSession connect(String url, String password) {
                    return DatabaseSession.open(url, password, resetAllowed);
                }
            };
        }
    }

    private final TaskExecutor executor;
    private final Sessions sessions;
    private final RecentFiles recentFiles;

    private DatabaseSession session;
    private DatabaseSession previewed; // the session whose reset preview was shown last
    private long generation; // results of work started for an older session are dropped

    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper("runstore console");
    private final ReadOnlyStringWrapper databaseName = new ReadOnlyStringWrapper("");
    /** The last failure, cleared by the next load that succeeds (so a server back up clears it). */
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    /** What stays true of the open database (a newer schema) until dismissed or another opens. */
    private final ReadOnlyStringWrapper warning = new ReadOnlyStringWrapper("");
    /** Why the last open failed: kept until dismissed or another open, whatever loads after it. */
    private final ReadOnlyStringWrapper openError = new ReadOnlyStringWrapper("");

    private final StringBinding banner = Bindings.createStringBinding(
            () -> !error.get().isEmpty() ? error.get() : !openError.get().isEmpty() ? openError.get() : warning.get(),
            error,
            openError,
            warning);
    private final BooleanBinding bannerIsWarning =
            error.isEmpty().and(openError.isEmpty()).and(warning.isNotEmpty());
    private final ReadOnlyStringWrapper notice = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper open = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper resetAllowed = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper resetTooltip = new ReadOnlyStringWrapper("Open a database first");
    private final ReadOnlyStringWrapper resetReason = new ReadOnlyStringWrapper("");
    private final BooleanProperty paused = new SimpleBooleanProperty(false);
    private final IntegerProperty refreshSeconds = new SimpleIntegerProperty(5);
    private final ObservableList<Path> recent = FXCollections.observableArrayList();
    private final StringBinding liveRefreshText = Bindings.createStringBinding(
            () -> !open.get()
                    ? ""
                    : "read-only · "
                            + (refreshSeconds.get() <= 0
                                    ? "live refresh off"
                                    : paused.get()
                                            ? "live refresh paused"
                                            : "live refresh every " + refreshSeconds.get() + " s"),
            open,
            refreshSeconds,
            paused);

    private final StringBinding pauseText =
            Bindings.when(paused).then("Resume live refresh").otherwise("Pause live refresh");

    private final OverviewViewModel overview;
    private final RunsViewModel runs;
    private final BrowseViewModel browse;
    private final StructureViewModel structure;
    private final SqlViewModel sql;
    private final MigrationsViewModel migrations;
    private final TablesViewModel tables;
    private final ChecksViewModel checks;
    /** In tab order: the view's tab i shows panels.get(i). */
    private final List<Panel> panels;

    private Panel selected;

    /** With the SQL history in memory: for tests and sessions that must not touch the preferences. */
    public MainViewModel(TaskExecutor executor, Sessions sessions, RecentFiles recentFiles) {
        this(executor, sessions, recentFiles, SqlHistory.inMemory());
    }

    public MainViewModel(TaskExecutor executor, Sessions sessions, RecentFiles recentFiles, SqlHistory sqlHistory) {
        this.executor = executor;
        this.sessions = sessions;
        this.recentFiles = recentFiles;
        PanelContext context = new PanelContext(executor, () -> session, this::showError, () -> error.set(""));
        this.overview = new OverviewViewModel(context);
        this.runs = new RunsViewModel(context);
        this.browse = new BrowseViewModel(context);
        this.structure = new StructureViewModel(context);
        this.sql = new SqlViewModel(context, sqlHistory);
        this.migrations = new MigrationsViewModel(context);
        this.tables = new TablesViewModel(context);
        this.checks = new ChecksViewModel(context);
        // In the order of Navigation.Target, which is the tab order.
        this.panels = List.of(overview, runs, browse, structure, sql, tables, migrations, checks);
        this.selected = overview;
        overview.rates().navigateWith(navigation); // a chart's bar opens its events in Browse
        runs.runRates().navigateWith(navigation);
        overview.activate(); // the first tab is visible from the start; it loads once a database opens
        recent.setAll(existing(recentFiles.list()));
    }

    // ---- commands ------------------------------------------------------------------------------

    /**
     * Opens {@code path} read-only and loads it; errors go to the banner, and the database open
     * before stays open (a mistyped or damaged file costs nothing).
     */
    public void open(Path path) {
        switchTo(() -> sessions.open(path), true);
    }

    // ---- PostgreSQL (dev.runstore.desktop.connect) ----------------------------------------------

    private RecentConnections recentConnections = RecentConnections.inMemory();
    private final ObservableList<RecentConnections.Entry> recentServers = FXCollections.observableArrayList();

    /** Where the recent connections are kept (in memory until this is called). */
    public void useRecentConnections(RecentConnections connections) {
        this.recentConnections = connections;
        recentServers.setAll(connections.list());
    }

    /** Connects read-only to {@code url}; {@code password} null takes the URL's or PGPASSWORD. */
    public void connect(String url, String password) {
        switchTo(() -> sessions.connect(url, password), true);
    }

    public ObservableList<RecentConnections.Entry> recentServers() {
        return recentServers;
    }

    /** Creates a demo database in a temp folder and opens it; not remembered (the folder is temporary). */
    public void openDemo() {
        switchTo(sessions::openDemo, false);
    }

    /** Opens the most recent database, if there is one; returns whether it tried. */
    public boolean openLast() {
        if (recent.isEmpty()) {
            return false;
        }
        open(recent.get(0));
        return true;
    }

    /**
     * Live refresh and F5: the visible panel reloads; the hidden ones only note they are stale and
     * load when shown. Skipped while opening or resetting.
     */
    public void refresh() {
        if (session == null || busy.get()) {
            return;
        }
        panels.forEach(Panel::refresh);
    }

    /** The tab at {@code index} is now the visible one: it loads if stale. */
    public void select(int index) {
        Panel now = panels.get(index);
        selectedIndex.set(index);
        if (now == selected) {
            return;
        }
        selected.deactivate();
        selected = now;
        now.activate();
    }

    /** Where one panel sends the person to another; the view follows {@link #selectedIndexProperty}. */
    public Navigation navigation() {
        return navigation;
    }

    private final Navigation navigation = new Navigation() {
        @Override
        public void show(Target target) {
            select(target.ordinal());
        }

        @Override
        public void browse(String table) {
            browse.open(table);
            select(Target.BROWSE.ordinal());
        }

        @Override
        public void browse(String table, List<Filter> filters) {
            browse.open(table, filters);
            select(Target.BROWSE.ordinal());
        }

        @Override
        public void showRun(long runId) {
            select(Target.RUNS.ordinal());
            runs.selectRun(runId);
        }
    };

    private final ReadOnlyIntegerWrapper selectedIndex = new ReadOnlyIntegerWrapper(0);

    /** The visible tab's index. */
    public ReadOnlyIntegerProperty selectedIndexProperty() {
        return selectedIndex.getReadOnlyProperty();
    }

    /** Called by live refresh: refreshes unless paused. */
    public void tick() {
        if (!paused.get()) {
            refresh();
        }
    }

    /**
     * The second step of the dev reset: runs it only when {@code typedName} is exactly the open
     * database's file name; anything else does nothing and returns false.
     */
    public boolean confirmReset(String typedName) {
        // Only for the database whose preview the person saw: another one opened meanwhile (the
        // dialog is modal, an open started before it is not) must never be the one reset.
        if (!resetAllowed.get() || session == null || typedName == null || session != previewed || busy.get()) {
            return false;
        }
        previewed = null;
        if (!typedName.strip().equals(session.displayName())) {
            return false;
        }
        DatabaseSession current = session;
        busy.set(true);
        notice.set("Resetting " + databaseName.get() + ": writing a backup, then emptying it…");
        executor.execute(
                current::reset,
                (ResetResult result) -> {
                    busy.set(false);
                    notice.set("Reset done. Backup: " + result.backup());
                    panels.forEach(Panel::reset); // every panel's data is of the database before
                    selected.refresh();
                },
                failure -> {
                    busy.set(false);
                    notice.set("");
                    showError(failure);
                });
        return true;
    }

    public void dismissBanner() {
        error.set("");
        openError.set("");
        warning.set("");
    }

    /**
     * The dev reset's first step: reads what it would delete, then hands the confirmation to
     * {@code ask} on the FX thread; nothing happens when reset is not allowed.
     */
    public void prepareReset(Consumer<ResetConfirmation> ask) {
        DatabaseSession current = session;
        if (!resetAllowed.get() || current == null || busy.get()) {
            return;
        }
        String name = current.path().getFileName().toString();
        executor.execute(
                current::resetPreview,
                preview -> {
                    if (current == session) {
                        previewed = current;
                        ask.accept(new ResetConfirmation(preview, name));
                    }
                },
                this::showError);
    }

    /** Where the Open dialog starts: the open database's folder, else the last one's, else none. */
    public Optional<Path> folderToOpenFrom() {
        Stream<Path> candidates = Stream.concat(
                Stream.ofNullable(session).map(DatabaseSession::path).filter(Objects::nonNull), recent.stream());
        return candidates
                .map(Path::toAbsolutePath)
                .map(Path::getParent)
                .filter(folder -> folder != null && Files.isDirectory(folder))
                .findFirst();
    }

    public void close() {
        // Panels first: they cancel what they run (the SQL panel's count of an endless query), so
        // closing the session does not wait behind it.
        panels.forEach(Panel::reset);
        if (session != null) {
            session.close();
            session = null;
        }
        executor.shutdown();
    }

    // ---- internals -----------------------------------------------------------------------------

    /**
     * The new session replaces the open one only once it opened: until then the panels keep
     * showing the old one, and a failure leaves it open with the error in the banner.
     */
    private void switchTo(Callable<DatabaseSession> opening, boolean remember) {
        long started = ++generation;
        busy.set(true);
        error.set("");
        openError.set("");
        notice.set("");
        executor.execute(
                () -> {
                    DatabaseSession opened = opening.call();
                    try {
                        // The reset gate is decided once per open (and again after a reset), not on
                        // every refresh: it reads the environment marker through Flyway's status.
                        return new Opened(opened, opened.resetRefusal(), statusOrNull(opened));
                    } catch (RuntimeException e) {
                        opened.close();
                        throw e;
                    }
                },
                opened -> {
                    busy.set(false);
                    if (started != generation) {
                        opened.session().close();
                        return;
                    }
                    DatabaseSession previous = session;
                    panels.forEach(Panel::reset); // their data and running loads are the old session's
                    session = opened.session();
                    if (previous != null) {
                        // Off the FX thread: closing waits for the old session's last reads.
                        executor.execute(
                                () -> {
                                    previous.close();
                                    return null;
                                },
                                done -> {},
                                failure -> {});
                    }
                    open.set(true);
                    if (remember) {
                        rememberOpened(session);
                    }
                    refreshRecent();
                    databaseName.set(session.displayName());
                    title.set("runstore console — " + session.location());
                    showResetGate(opened.resetRefusal());
                    warning.set(newerSchema(opened.status()));
                    selected.refresh();
                },
                failure -> {
                    busy.set(false);
                    if (started == generation) {
                        showError(failure);
                        openError.set(
                                session == null
                                        ? error.get()
                                        : error.get() + " — " + databaseName.get() + " stays open");
                        error.set("");
                    }
                });
    }

    /** Null when Flyway cannot read the history: the Migrations panel shows why, the open goes on. */
    private static MigrationStatus statusOrNull(DatabaseSession opened) {
        try {
            return opened.migrationStatus();
        } catch (RuntimeException e) {
            return null;
        }
    }

    private record Opened(DatabaseSession session, String resetRefusal, MigrationStatus status) {}

    /** Reads the recent files again, leaving out those deleted since (the File menu calls it as it opens). */
    public void refreshRecent() {
        recent.setAll(existing(recentFiles.list()));
    }

    /** Recent files still there: a deleted temp folder's database is not offered again. */
    private static List<Path> existing(List<Path> paths) {
        return paths.stream().filter(Files::exists).distinct().toList();
    }

    /** A file among the recent files; a server among the recent connections, without its password. */
    private void rememberOpened(DatabaseSession opened) {
        if (opened.path() != null) {
            recentFiles.remember(opened.path());
        } else {
            recentConnections.remember(opened.location());
            recentServers.setAll(recentConnections.list());
        }
    }

    private void showResetGate(String refusal) {
        resetAllowed.set(refusal == null);
        resetTooltip.set(
                refusal == null
                        ? "Back up " + databaseName.get() + ", drop every table and migrate again"
                        : "Reset is disabled: " + refusal);
        resetReason.set(refusal == null ? "" : "Reset unavailable: " + refusal);
    }

    /** A schema from a newer runstore opens (read-only, harmless) but the panels may not show all of it. */
    private String newerSchema(MigrationStatus status) {
        return status != null && status.newerThanProgram()
                ? databaseName.get() + "'s schema is at version " + status.currentVersion()
                        + ", newer than this console knows (" + status.latestVersion()
                        + "): what it shows may be incomplete; upgrade runstore to see everything"
                : "";
    }

    private void showError(Throwable failure) {
        Throwable shown = failure;
        while (shown.getCause() != null && shown.getMessage() == null) {
            shown = shown.getCause();
        }
        error.set((shown.getMessage() == null ? shown.getClass().getSimpleName() : shown.getMessage())
                + serverHint(failure));
    }

    /** What to do when the server is gone or refused the login: core classified it already. */
    private static String serverHint(Throwable failure) {
        if (failure instanceof dev.runstore.core.error.UnavailableException) {
            return " — the panels keep their last data; the next refresh (F5) retries";
        }
        if (failure instanceof dev.runstore.core.error.AccessDeniedException) {
            return " — check the user and password in File > Connect to PostgreSQL…";
        }
        return "";
    }

    // ---- properties ----------------------------------------------------------------------------

    public ReadOnlyStringProperty titleProperty() {
        return title.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty databaseNameProperty() {
        return databaseName.getReadOnlyProperty();
    }

    /** The banner's text: the last error, else a warning about the open database; empty when neither. */
    public StringBinding bannerProperty() {
        return banner;
    }

    /** The banner shows a warning, not an error: drawn in amber, not red. */
    public BooleanBinding bannerIsWarningProperty() {
        return bannerIsWarning;
    }

    /** Progress and results of long operations (reset). */
    public ReadOnlyStringProperty noticeProperty() {
        return notice.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty openProperty() {
        return open.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty resetAllowedProperty() {
        return resetAllowed.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty resetTooltipProperty() {
        return resetTooltip.getReadOnlyProperty();
    }

    /** Why reset is unavailable, in words shown beside its button; empty when it is available. */
    public ReadOnlyStringProperty resetReasonProperty() {
        return resetReason.getReadOnlyProperty();
    }

    /** The pause toggle's label: what pressing it does now. */
    public StringBinding pauseTextProperty() {
        return pauseText;
    }

    /** "read-only · live refresh every 5 s", "… paused" or "… off"; empty with no database. */
    public StringBinding liveRefreshTextProperty() {
        return liveRefreshText;
    }

    public BooleanProperty pausedProperty() {
        return paused;
    }

    public IntegerProperty refreshSecondsProperty() {
        return refreshSeconds;
    }

    public ObservableList<Path> recent() {
        return recent;
    }

    /** The panels in tab order. */
    public List<Panel> panels() {
        return panels;
    }

    /** The open session, or null: for tests that observe its calls. */
    public DatabaseSession session() {
        return session;
    }

    public OverviewViewModel overview() {
        return overview;
    }

    public BrowseViewModel browse() {
        return browse;
    }

    public StructureViewModel structure() {
        return structure;
    }

    public SqlViewModel sql() {
        return sql;
    }

    public MigrationsViewModel migrations() {
        return migrations;
    }

    public TablesViewModel tables() {
        return tables;
    }

    public RunsViewModel runs() {
        return runs;
    }

    public ChecksViewModel checks() {
        return checks;
    }
}
