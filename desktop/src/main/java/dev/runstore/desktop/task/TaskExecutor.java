package dev.runstore.desktop.task;

import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * Runs database work off the FX thread and hands the result back on it. View models depend on this
 * interface only, so their tests run the work synchronously without a toolkit (JabRef's pattern).
 */
public interface TaskExecutor {
    /**
     * Starts {@code work}; exactly one of the callbacks runs on the FX thread, unless the returned
     * handle is cancelled first.
     */
    <T> TaskHandle execute(Callable<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure);

    /** Stops accepting work; running work finishes in the background. */
    void shutdown();
}
