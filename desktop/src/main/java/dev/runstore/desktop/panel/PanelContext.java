package dev.runstore.desktop.panel;

import dev.runstore.desktop.data.DatabaseSession;
import dev.runstore.desktop.task.TaskExecutor;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * What a panel gets from the main view model: the executor for its background work, the session
 * open now (null when none), where errors go (the banner) and whom to tell a load succeeded (the
 * banner is cleared, as a successful refresh did before panels loaded on their own).
 */
public record PanelContext(
        TaskExecutor executor, Supplier<DatabaseSession> session, Consumer<Throwable> errors, Runnable loaded) {}
