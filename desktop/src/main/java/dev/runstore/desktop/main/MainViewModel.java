package dev.runstore.desktop.main;

import dev.runstore.core.admin.ResetResult;
import dev.runstore.desktop.browse.BrowseViewModel;
import dev.runstore.desktop.checks.ChecksViewModel;
import dev.runstore.desktop.connect.RecentConnections;
import dev.runstore.desktop.data.DatabaseSession;
import dev.runstore.desktop.migrations.MigrationsViewModel;
import dev.runstore.desktop.overview.OverviewViewModel;
import dev.runstore.desktop.panel.Navigation;
import dev.runstore.desktop.panel.Panel;
import dev.runstore.desktop.panel.PanelContext;
import dev.runstore.desktop.runs.RunsViewModel;
import dev.runstore.desktop.sql.SqlHistory;
import dev.runstore.desktop.sql.SqlViewModel;
import dev.runstore.desktop.structure.StructureViewModel;
import dev.runstore.desktop.tables.TablesViewModel;
import dev.runstore.desktop.task.TaskExecutor;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import javafx.beans.binding.Bindings;
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
    private long generation; // results of work started for an older session are dropped

    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper("runstore console");
    private final ReadOnlyStringWrapper databaseName = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper banner = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper notice = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper open = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper resetAllowed = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper resetTooltip = new ReadOnlyStringWrapper("Open a database first");
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
        PanelContext context = new PanelContext(executor, () -> session, this::showError, () -> banner.set(""));
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
        overview.activate(); // the first tab is visible from the start; it loads once a database opens
        recent.setAll(recentFiles.list());
    }

    // ---- commands ------------------------------------------------------------------------------

    /** Opens {@code path} read-only and loads it; errors go to the banner. */
    public void open(Path path) {
        switchTo(() -> sessions.open(path));
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
        switchTo(() -> sessions.connect(url, password));
    }

    public ObservableList<RecentConnections.Entry> recentServers() {
        return recentServers;
    }

    /** Creates a demo database in a temp folder and opens it. */
    public void openDemo() {
        switchTo(sessions::openDemo);
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
        if (!resetAllowed.get() || session == null || typedName == null) {
            return false;
        }
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
        banner.set("");
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

    private void switchTo(Callable<DatabaseSession> opening) {
        long started = ++generation;
        DatabaseSession previous = session;
        session = null;
        panels.forEach(Panel::reset);
        open.set(false);
        busy.set(true);
        banner.set("");
        notice.set("");
        executor.execute(
                () -> {
                    if (previous != null) {
                        previous.close();
                    }
                    DatabaseSession opened = opening.call();
                    try {
                        // The reset gate is decided once per open (and again after a reset), not on
                        // every refresh: it reads the environment marker through Flyway's status.
                        return new Opened(opened, opened.resetRefusal());
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
                    session = opened.session();
                    open.set(true);
                    rememberOpened(session);
                    databaseName.set(session.displayName());
                    title.set("runstore console — " + session.location());
                    showResetGate(opened.resetRefusal());
                    selected.refresh();
                },
                failure -> {
                    busy.set(false);
                    if (started == generation) {
                        title.set("runstore console");
                        databaseName.set("");
                        showError(failure);
                    }
                });
    }

    private record Opened(DatabaseSession session, String resetRefusal) {}

    /** A file among the recent files; a server among the recent connections, without its password. */
    private void rememberOpened(DatabaseSession opened) {
        if (opened.path() != null) {
            recentFiles.remember(opened.path());
            recent.setAll(recentFiles.list());
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
    }

    private void showError(Throwable failure) {
        Throwable shown = failure;
        while (shown.getCause() != null && shown.getMessage() == null) {
            shown = shown.getCause();
        }
        banner.set((shown.getMessage() == null ? shown.getClass().getSimpleName() : shown.getMessage())
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

    /** The error banner's text; empty when there is no error. */
    public ReadOnlyStringProperty bannerProperty() {
        return banner.getReadOnlyProperty();
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
