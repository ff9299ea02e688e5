package dev.runstore.desktop.main;

import dev.runstore.desktop.browse.BrowseView;
import dev.runstore.desktop.checks.ChecksView;
import dev.runstore.desktop.connect.ConnectDialog;
import dev.runstore.desktop.connect.ConnectViewModel;
import dev.runstore.desktop.connect.RecentConnections;
import dev.runstore.desktop.migrations.MigrationsView;
import dev.runstore.desktop.overview.OverviewView;
import dev.runstore.desktop.panel.Fxml;
import dev.runstore.desktop.panel.Navigation;
import dev.runstore.desktop.reset.ResetDialog;
import dev.runstore.desktop.runs.RunsView;
import dev.runstore.desktop.settings.ConsoleSettings;
import dev.runstore.desktop.sql.SqlView;
import dev.runstore.desktop.structure.StructureView;
import dev.runstore.desktop.tables.TablesView;
import java.io.File;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.css.PseudoClass;
import javafx.fxml.FXML;
import javafx.geometry.Rectangle2D;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.control.TreeView;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Screen;
import javafx.stage.Stage;
import javafx.util.Duration;

/** The main window's controller: binds controls to {@link MainViewModel}; no logic of its own. */
public final class MainView {
    @FXML
    private MenuItem openItem;

    @FXML
    private Menu recentMenu;

    @FXML
    private MenuItem connectItem;

    @FXML
    private MenuItem refreshItem;

    @FXML
    private CheckMenuItem pauseItem;

    @FXML
    private MenuItem searchItem;

    @FXML
    private MenuItem resetItem;

    @FXML
    private MenuItem exitItem;

    @FXML
    private CheckMenuItem darkItem;

    @FXML
    private MenuItem shortcutsItem;

    @FXML
    private Label resetReason;

    @FXML
    private Label databaseName;

    @FXML
    private Label databasePath;

    @FXML
    private ProgressIndicator busy;

    @FXML
    private ToggleButton pauseToggle;

    @FXML
    private Button refreshButton;

    @FXML
    private Button resetButton;

    @FXML
    private HBox banner;

    @FXML
    private Label bannerText;

    @FXML
    private Label notice;

    @FXML
    private TabPane tabs;

    @FXML
    private VBox emptyState;

    @FXML
    private OverviewView overviewController;

    @FXML
    private BrowseView browseController;

    @FXML
    private StructureView structureController;

    @FXML
    private SqlView sqlController;

    @FXML
    private RunsView runsController;

    @FXML
    private MigrationsView migrationsController;

    @FXML
    private TablesView tablesController;

    @FXML
    private ChecksView checksController;

    private static final PseudoClass WARNING = PseudoClass.getPseudoClass("warning");

    private MainViewModel viewModel;
    private Stage stage;
    private Timeline liveRefresh;
    private ConsoleSettings settings;

    /** The window's smallest size: every panel still shows rows and unshortened labels at it. */
    static final double MIN_WIDTH = 960;

    static final double MIN_HEIGHT = 620;

    /** With settings in memory: for tests, which must not touch the user's preferences. */
    public static MainView show(Stage stage, MainViewModel viewModel) {
        return show(stage, viewModel, ConsoleSettings.inMemory());
    }

    /**
     * Loads the window from FXML, binds it to {@code viewModel}, restores what {@code settings}
     * remembers (size, place, splits, last panel, theme) and shows it on {@code stage}.
     */
    public static MainView show(Stage stage, MainViewModel viewModel, ConsoleSettings settings) {
        Fxml.Loaded<MainView> loaded = Fxml.load(MainView.class);
        Parent root = loaded.root();
        MainView view = loaded.controller();
        view.settings = settings;
        Theme.apply(settings.dark());
        Scene scene = new Scene(root);
        scene.getStylesheets()
                .add(Objects.requireNonNull(MainView.class.getResource("/dev/runstore/desktop/console.css"))
                        .toExternalForm());
        stage.setScene(scene);
        view.bind(stage, viewModel);
        stage.titleProperty().bind(viewModel.titleProperty());
        stage.setMinWidth(MIN_WIDTH);
        stage.setMinHeight(MIN_HEIGHT);
        view.restoreWindow();
        stage.show();
        view.restoreLayout();
        stage.setOnHiding(e -> view.saveLayout());
        return view;
    }

    /**
     * The last size and place, kept on a screen: the title bar must land on one (a monitor may have
     * gone since), and the size never exceeds that screen (a hand-edited value cannot make a
     * window ten million pixels wide).
     */
    private void restoreWindow() {
        settings.window().ifPresent(bounds -> {
            Screen screen = Screen.getScreensForRectangle(bounds.x(), bounds.y(), bounds.width(), 32).stream()
                    .findFirst()
                    .orElse(null);
            Rectangle2D area = (screen == null ? Screen.getPrimary() : screen).getVisualBounds();
            stage.setWidth(Math.min(area.getWidth(), Math.max(MIN_WIDTH, bounds.width())));
            stage.setHeight(Math.min(area.getHeight(), Math.max(MIN_HEIGHT, bounds.height())));
            if (screen != null) {
                stage.setX(Math.max(area.getMinX(), Math.min(bounds.x(), area.getMaxX() - stage.getWidth())));
                stage.setY(Math.max(area.getMinY(), Math.min(bounds.y(), area.getMaxY() - stage.getHeight())));
            }
            stage.setMaximized(bounds.maximized());
        });
    }

    /** Split positions and the last panel: after the window is shown, when every split exists. */
    private void restoreLayout() {
        splits().forEach((key, split) -> settings.split(key)
                .filter(positions -> positions.length == split.getDividers().size())
                .ifPresent(split::setDividerPositions));
        settings.lastPanel().flatMap(MainView::target).ifPresent(viewModel.navigation()::show);
    }

    private void saveLayout() {
        settings.window(new ConsoleSettings.WindowBounds(
                stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight(), stage.isMaximized()));
        splits().forEach((key, split) -> settings.split(key, split.getDividerPositions()));
        settings.lastPanel(
                Navigation.Target.values()[viewModel.selectedIndexProperty().get()].name());
    }

    /**
     * Every split of every panel, by the panel's tab and its place there: stable while the FXML is,
     * and needing no id in each panel's layout.
     */
    private Map<String, SplitPane> splits() {
        Map<String, SplitPane> splits = new LinkedHashMap<>();
        for (Tab tab : tabs.getTabs()) {
            int n = 0;
            for (Node node : tab.getContent().lookupAll(".split-pane")) {
                if (node instanceof SplitPane split) {
                    splits.put(tab.getText().toLowerCase(Locale.ROOT) + "." + n++, split);
                }
            }
        }
        return splits;
    }

    private static Optional<Navigation.Target> target(String name) {
        try {
            return Optional.of(Navigation.Target.valueOf(name));
        } catch (IllegalArgumentException edited) {
            return Optional.empty();
        }
    }

    private void bind(Stage stage, MainViewModel viewModel) {
        this.stage = stage;
        this.viewModel = viewModel;
        overviewController.bind(viewModel.overview(), viewModel.navigation());
        browseController.bind(viewModel.browse());
        structureController.bind(viewModel.structure(), viewModel.navigation());
        sqlController.bind(viewModel.sql());
        runsController.bind(viewModel.runs());
        migrationsController.bind(viewModel.migrations());
        tablesController.bind(viewModel.tables());
        checksController.bind(viewModel.checks());
        // Tab i is panel i: showing a tab activates its panel, which loads if stale.
        tabs.getSelectionModel().selectedIndexProperty().addListener((o, was, now) -> viewModel.select(now.intValue()));
        viewModel
                .selectedIndexProperty()
                .addListener((o, was, now) -> tabs.getSelectionModel().select(now.intValue()));

        databaseName
                .textProperty()
                .bind(Bindings.when(viewModel.openProperty())
                        .then(viewModel.databaseNameProperty())
                        .otherwise("No database open"));
        databasePath.textProperty().bind(viewModel.liveRefreshTextProperty());
        busy.visibleProperty().bind(viewModel.busyProperty());
        bannerText.textProperty().bind(viewModel.bannerProperty());
        banner.visibleProperty().bind(viewModel.bannerProperty().isNotEmpty());
        viewModel.bannerIsWarningProperty().addListener((o, was, now) -> banner.pseudoClassStateChanged(WARNING, now));
        banner.managedProperty().bind(banner.visibleProperty());
        notice.textProperty().bind(viewModel.noticeProperty());
        notice.visibleProperty().bind(viewModel.noticeProperty().isNotEmpty());
        notice.managedProperty().bind(notice.visibleProperty());
        tabs.visibleProperty().bind(viewModel.openProperty());
        emptyState.visibleProperty().bind(viewModel.openProperty().not());
        refreshButton.disableProperty().bind(viewModel.openProperty().not());
        pauseToggle.selectedProperty().bindBidirectional(viewModel.pausedProperty());
        pauseToggle.textProperty().bind(viewModel.pauseTextProperty());
        pauseItem.selectedProperty().bindBidirectional(viewModel.pausedProperty());

        resetButton.disableProperty().bind(viewModel.resetAllowedProperty().not());
        resetItem.disableProperty().bind(viewModel.resetAllowedProperty().not());
        resetReason.textProperty().bind(viewModel.resetReasonProperty());
        resetReason.visibleProperty().bind(viewModel.resetReasonProperty().isNotEmpty());
        resetReason.managedProperty().bind(resetReason.visibleProperty());
        Tooltip reasonWhole = new Tooltip();
        reasonWhole.textProperty().bind(viewModel.resetReasonProperty());
        resetReason.setTooltip(reasonWhole);
        Tooltip why = new Tooltip();
        why.textProperty().bind(viewModel.resetTooltipProperty());
        // A disabled control shows no tooltip in JavaFX, so the hint is also set on its wrapper.
        resetButton.setTooltip(why);
        Tooltip.install(resetButton.getParent(), why);

        openItem.setAccelerator(Shortcuts.OPEN);
        refreshItem.setAccelerator(Shortcuts.REFRESH);
        pauseItem.setAccelerator(Shortcuts.PAUSE);
        searchItem.setAccelerator(Shortcuts.FIND_EVENTS);
        darkItem.setAccelerator(Shortcuts.DARK_THEME);
        resetItem.setAccelerator(Shortcuts.RESET);
        shortcutsItem.setAccelerator(Shortcuts.HELP);
        exitItem.setAccelerator(Shortcuts.EXIT);
        darkItem.setSelected(settings.dark());
        darkItem.selectedProperty().addListener((o, was, dark) -> {
            Theme.apply(dark);
            settings.dark(dark);
        });
        viewModel.recent().addListener((ListChangeListener<Path>) change -> fillRecent());
        connectItem.setAccelerator(Shortcuts.CONNECT);
        viewModel.recentServers().addListener((ListChangeListener<Object>) change -> fillRecent());
        fillRecent();
        recentMenu.getParentMenu().setOnShowing(e -> viewModel.refreshRecent());
        startLiveRefresh();
        viewModel.refreshSecondsProperty().addListener((o, was, now) -> startLiveRefresh());
        for (int i = 0; i < tabs.getTabs().size(); i++) {
            int index = i;
            stage.getScene().getAccelerators().put(Shortcuts.panel(i), () -> viewModel.select(index));
        }
        stage.getScene().addEventFilter(KeyEvent.KEY_PRESSED, MainView::selectFirstOnDown);
    }

    /**
     * The first Down in any table, tree or list with nothing selected selects its first row:
     * JavaFX focuses row 0 without selecting it, so its own Down would select the second.
     */
    private static void selectFirstOnDown(KeyEvent key) {
        if (key.getCode() != KeyCode.DOWN || !(key.getTarget() instanceof Node target)) {
            return;
        }
        if (target instanceof TableView<?> table
                && table.getSelectionModel().isEmpty()
                && !table.getItems().isEmpty()) {
            table.getSelectionModel().select(0);
            table.getFocusModel().focus(0);
            table.scrollTo(0);
            key.consume();
        } else if (target instanceof ListView<?> list
                && list.getSelectionModel().isEmpty()
                && !list.getItems().isEmpty()) {
            list.getSelectionModel().select(0);
            list.getFocusModel().focus(0);
            list.scrollTo(0);
            key.consume();
        } else if (target instanceof TreeView<?> tree
                && tree.getSelectionModel().isEmpty()
                && tree.getExpandedItemCount() > 0) {
            tree.getSelectionModel().select(0);
            tree.getFocusModel().focus(0);
            tree.scrollTo(0);
            key.consume();
        }
    }

    @FXML
    private void showShortcuts() {
        ShortcutsDialog.show(
                stage, Shortcuts.all(tabs.getTabs().stream().map(Tab::getText).toList()));
    }

    private void fillRecent() {
        recentMenu.getItems().clear();
        for (Path path : viewModel.recent()) {
            MenuItem item = new MenuItem(path.toString());
            item.setMnemonicParsing(false);
            item.setOnAction(e -> viewModel.open(path));
            recentMenu.getItems().add(item);
        }
        fillRecentServers();
        recentMenu.setDisable(recentMenu.getItems().isEmpty());
    }

    /** The recent PostgreSQL connections, after the files: each opens the Connect dialog filled in. */
    private void fillRecentServers() {
        if (!viewModel.recentServers().isEmpty() && !viewModel.recent().isEmpty()) {
            recentMenu.getItems().add(new SeparatorMenuItem());
        }
        for (RecentConnections.Entry entry : viewModel.recentServers()) {
            MenuItem item = new MenuItem(entry.toString());
            item.setMnemonicParsing(false);
            item.setOnAction(e -> connectPostgres(entry));
            recentMenu.getItems().add(item);
        }
    }

    @FXML
    private void connectPostgres() {
        connectPostgres(null);
    }

    private void connectPostgres(RecentConnections.Entry entry) {
        ConnectViewModel form = new ConnectViewModel();
        if (entry != null) {
            form.fill(entry);
        }
        ConnectDialog.show(stage, form).ifPresent(request -> viewModel.connect(request.url(), request.password()));
    }

    private void startLiveRefresh() {
        if (liveRefresh != null) {
            liveRefresh.stop();
        }
        int seconds = viewModel.refreshSecondsProperty().get();
        if (seconds <= 0) {
            return;
        }
        liveRefresh = new Timeline(new KeyFrame(Duration.seconds(seconds), e -> viewModel.tick()));
        liveRefresh.setCycleCount(Animation.INDEFINITE);
        liveRefresh.play();
    }

    @FXML
    private void openFile() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Open a runstore database");
        chooser.getExtensionFilters()
                .addAll(
                        new FileChooser.ExtensionFilter("SQLite databases", "*.db", "*.sqlite", "*.sqlite3"),
                        new FileChooser.ExtensionFilter("All files", "*"));
        viewModel.folderToOpenFrom().map(Path::toFile).ifPresent(chooser::setInitialDirectory);
        File file = chooser.showOpenDialog(stage);
        if (file != null) {
            viewModel.open(file.toPath());
        }
    }

    @FXML
    private void openDemo() {
        viewModel.openDemo();
    }

    @FXML
    private void refresh() {
        viewModel.refresh();
    }

    @FXML
    private void focusSearch() {
        viewModel.navigation().show(Navigation.Target.RUNS);
        runsController.focusSearch();
    }

    @FXML
    private void dismissBanner() {
        viewModel.dismissBanner();
    }

    @FXML
    private void reset() {
        viewModel.prepareReset(
                confirmation -> ResetDialog.ask(stage, confirmation).ifPresent(viewModel::confirmReset));
    }

    @FXML
    private void exit() {
        Platform.exit();
    }
}
