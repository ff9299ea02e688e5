package dev.runstore.desktop.support;

import dev.runstore.desktop.task.TaskExecutor;
import dev.runstore.desktop.task.TaskHandle;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * Runs work at once on the calling thread: view model tests need no toolkit and no waiting. The
 * work is finished when {@code execute} returns, so its handle has nothing left to cancel.
 */
public final class DirectExecutor implements TaskExecutor {
    @Override
    public <T> TaskHandle execute(Callable<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure) {
        T result;
        try {
            result = work.call();
        } catch (Exception e) {
            onFailure.accept(e);
            return TaskHandle.DONE;
        }
        onSuccess.accept(result);
        return TaskHandle.DONE;
    }

    @Override
    public void shutdown() {}
}
