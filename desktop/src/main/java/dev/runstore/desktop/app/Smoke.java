package dev.runstore.desktop.app;

import dev.runstore.desktop.main.MainViewModel;
import javafx.application.Platform;
import javafx.stage.Stage;

/**
 * {@code --smoke}: once the first database is shown with its overview (or failed), prints one line
 * with what the window shows and the time from launch, then exits 0 (1 on an error banner). Packaging checks
 * start the installed launcher this way.
 */
final class Smoke {
    private Smoke() {}

    static void watch(MainViewModel viewModel, Stage stage, long startedNanos) {
        viewModel.busyProperty().addListener((o, was, busy) -> {
            if (was && !busy) {
                Platform.runLater(() -> finish(viewModel, stage, startedNanos));
            }
        });
        if (!viewModel.busyProperty().get()) {
            Platform.runLater(() -> {
                if (!viewModel.busyProperty().get() && !viewModel.openProperty().get()) {
                    finish(viewModel, stage, startedNanos);
                }
            });
        }
    }

    /** Once the landing panel, the overview, has loaded too: that is what a person first sees. */
    private static void finish(MainViewModel viewModel, Stage stage, long startedNanos) {
        if (viewModel.overview().loadingProperty().get()) {
            viewModel.overview().loadingProperty().addListener((o, was, loading) -> {
                if (!loading) {
                    Platform.runLater(() -> finish(viewModel, stage, startedNanos));
                }
            });
            return;
        }
        long millis = (System.nanoTime() - startedNanos) / 1_000_000;
        String banner = viewModel.bannerProperty().get();
        System.out.println("smoke: window \"" + stage.getTitle() + "\" shown with its overview after " + millis
                + " ms; tables: " + viewModel.overview().tables().size() + "; migrations: "
                + viewModel.overview().migrationsProperty().get() + "; checks: "
                + viewModel.overview().checksProperty().get()
                + (banner.isEmpty() ? "" : "; error: " + banner));
        System.exit(banner.isEmpty() ? 0 : 1);
    }
}
