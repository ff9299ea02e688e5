package dev.runstore.desktop.support;

import atlantafx.base.theme.PrimerLight;
import dev.runstore.desktop.main.MainView;
import dev.runstore.desktop.main.MainViewModel;
import dev.runstore.desktop.main.RecentFiles;
import dev.runstore.desktop.task.FxTaskExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.application.Application;
import javafx.stage.Stage;
import org.testfx.util.WaitForAsyncUtils;

/** The real console window (theme, FXML, background executor) over a given database. */
public final class ConsoleFixture {
    private ConsoleFixture() {}

    public static MainViewModel show(Stage stage, boolean resetAllowed) {
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        MainViewModel viewModel = new MainViewModel(
                new FxTaskExecutor(), MainViewModel.Sessions.real(resetAllowed), RecentFiles.inMemory());
        viewModel.refreshSecondsProperty().set(0); // tests refresh explicitly
        MainView.show(stage, viewModel);
        // The toolkit's one stage serves every test class of the run: one that resized it must not
        // leave the next with a smaller window.
        stage.setWidth(1180);
        stage.setHeight(760);
        return viewModel;
    }

    /** Waits until no background work is running. */
    public static void settle(MainViewModel viewModel) {
        try {
            // Read on the FX thread: between a load's end and the follow-ups its result starts
            // (the overview's counts, checks and chart), the flags are all false for a moment.
            WaitForAsyncUtils.waitFor(
                    20,
                    TimeUnit.SECONDS,
                    () -> WaitForAsyncUtils.asyncFx(() -> !viewModel
                                            .busyProperty()
                                            .get()
                                    && !viewModel.runs().loadingEventsProperty().get()
                                    && viewModel.panels().stream()
                                            .noneMatch(p -> p.loadingProperty().get())
                                    && !viewModel.runs().runRates().loading()
                                    && !viewModel.overview().followingUp())
                            .get());
        } catch (TimeoutException e) {
            throw new IllegalStateException("the console stayed busy for 20 s", e);
        }
        WaitForAsyncUtils.waitForFxEvents();
    }
}
