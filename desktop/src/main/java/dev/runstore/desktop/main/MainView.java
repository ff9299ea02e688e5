package dev.runstore.desktop.main;

import atlantafx.base.theme.Styles;
import dev.runstore.desktop.browse.BrowseView;
import dev.runstore.desktop.checks.ChecksView;
import dev.runstore.desktop.migrations.MigrationsView;
import dev.runstore.desktop.overview.OverviewView;
import dev.runstore.desktop.panel.Navigation;
import dev.runstore.desktop.runs.RunsView;
import dev.runstore.desktop.sql.SqlView;
import dev.runstore.desktop.structure.StructureView;
import dev.runstore.desktop.tables.TablesView;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Objects;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.fxml.FXML;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextInputDialog;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
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

    private MainViewModel viewModel;
    private Stage stage;
    private Timeline liveRefresh;

    /** Loads the window from FXML, binds it to {@code viewModel} and shows it on {@code stage}. */
    public static MainView show(Stage stage, MainViewModel viewModel) {
        FXMLLoader loader = new FXMLLoader(MainView.class.getResource("MainView.fxml"));
        Parent root;
        try {
            root = loader.load();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load MainView.fxml", e);
        }
        MainView view = loader.getController();
        Scene scene = new Scene(root);
        scene.getStylesheets()
                .add(Objects.requireNonNull(MainView.class.getResource("/dev/runstore/desktop/console.css"))
                        .toExternalForm());
        view.bind(stage, viewModel);
        stage.setScene(scene);
        stage.titleProperty().bind(viewModel.titleProperty());
        stage.setMinWidth(760);
        stage.setMinHeight(480);
        stage.show();
        return view;
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
        banner.managedProperty().bind(banner.visibleProperty());
        notice.textProperty().bind(viewModel.noticeProperty());
        notice.visibleProperty().bind(viewModel.noticeProperty().isNotEmpty());
        notice.managedProperty().bind(notice.visibleProperty());
        tabs.visibleProperty().bind(viewModel.openProperty());
        emptyState.visibleProperty().bind(viewModel.openProperty().not());
        refreshButton.disableProperty().bind(viewModel.openProperty().not());
        pauseToggle.selectedProperty().bindBidirectional(viewModel.pausedProperty());
        pauseItem.selectedProperty().bindBidirectional(viewModel.pausedProperty());

        resetButton.getStyleClass().add(Styles.DANGER);
        resetButton.disableProperty().bind(viewModel.resetAllowedProperty().not());
        Tooltip why = new Tooltip();
        why.textProperty().bind(viewModel.resetTooltipProperty());
        // A disabled control shows no tooltip in JavaFX, so the hint is also set on its wrapper.
        resetButton.setTooltip(why);
        Tooltip.install(resetButton.getParent(), why);

        openItem.setAccelerator(new KeyCodeCombination(KeyCode.O, KeyCombination.SHORTCUT_DOWN));
        refreshItem.setAccelerator(new KeyCodeCombination(KeyCode.F5));
        searchItem.setAccelerator(new KeyCodeCombination(KeyCode.F, KeyCombination.SHORTCUT_DOWN));
        viewModel.recent().addListener((javafx.collections.ListChangeListener<Path>) change -> fillRecent());
        connectItem.setAccelerator(
                new KeyCodeCombination(KeyCode.O, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN));
        viewModel.recentServers().addListener((javafx.collections.ListChangeListener<Object>) change -> fillRecent());
        fillRecent();
        startLiveRefresh();
        viewModel.refreshSecondsProperty().addListener((o, was, now) -> startLiveRefresh());
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
            recentMenu.getItems().add(new javafx.scene.control.SeparatorMenuItem());
        }
        for (dev.runstore.desktop.connect.RecentConnections.Entry entry : viewModel.recentServers()) {
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

    private void connectPostgres(dev.runstore.desktop.connect.RecentConnections.Entry entry) {
        dev.runstore.desktop.connect.ConnectViewModel form = new dev.runstore.desktop.connect.ConnectViewModel();
        if (entry != null) {
            form.fill(entry);
        }
        dev.runstore.desktop.connect.ConnectDialog.show(stage, form)
                .ifPresent(request -> viewModel.connect(request.url(), request.password()));
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
        String name = viewModel.databaseNameProperty().get();
        TextInputDialog dialog = new TextInputDialog();
        dialog.initOwner(stage);
        dialog.setTitle("Reset database");
        dialog.setHeaderText("Reset " + name + "?");
        dialog.setContentText(
                "Every run and event is deleted; a backup is written first.\nType " + name + " to confirm:");
        dialog.getEditor().setId("reset-confirm");
        dialog.getDialogPane().lookupButton(javafx.scene.control.ButtonType.OK).setId("reset-confirm-ok");
        dialog.showAndWait().ifPresent(viewModel::confirmReset);
    }

    @FXML
    private void exit() {
        Platform.exit();
    }
}
