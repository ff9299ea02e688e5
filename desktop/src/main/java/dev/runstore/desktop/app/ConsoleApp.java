package dev.runstore.desktop.app;

import dev.runstore.core.admin.Reset;
import dev.runstore.desktop.connect.RecentConnections;
import dev.runstore.desktop.main.MainView;
import dev.runstore.desktop.main.MainViewModel;
import dev.runstore.desktop.main.RecentFiles;
import dev.runstore.desktop.settings.ConsoleSettings;
import dev.runstore.desktop.sql.SqlHistory;
import dev.runstore.desktop.task.FxTaskExecutor;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.stage.Stage;

/** The JavaFX application: theme, window, and the view model wired to real sessions. */
public final class ConsoleApp extends Application {
    private MainViewModel viewModel;

    @Override
    public void start(Stage stage) {
        long started = System.nanoTime();
        ConsoleOptions options = ConsoleOptions.parse(getParameters().getRaw());
        boolean resetAllowed = Reset.allowedBy(System.getenv(Reset.ALLOW_VARIABLE));
        viewModel = new MainViewModel(
                new FxTaskExecutor(),
                MainViewModel.Sessions.real(resetAllowed),
                options.smoke() ? RecentFiles.inMemory() : RecentFiles.userPreferences(),
                options.smoke() ? SqlHistory.inMemory() : SqlHistory.userPreferences());
        viewModel.refreshSecondsProperty().set(options.refreshSeconds());
        if (!options.smoke()) {
            viewModel.useRecentConnections(RecentConnections.userPreferences());
        }
        MainView.show(
                stage, viewModel, options.smoke() ? ConsoleSettings.inMemory() : ConsoleSettings.userPreferences());
        if (options.smoke()) {
            Smoke.watch(viewModel, stage, started);
        }
        if (options.demo()) {
            viewModel.openDemo();
        } else if (options.db() != null) {
            viewModel.open(options.db());
        } else if (options.server() != null) {
            viewModel.connect(options.server(), null); // the URL's password, else PGPASSWORD
        } else if (!options.smoke()) {
            viewModel.openLast();
        }
    }

    @Override
    public void stop() {
        if (viewModel != null) {
            viewModel.close();
        }
        Platform.exit();
    }
}
