package dev.runstore.desktop.support;

import dev.runstore.desktop.task.TaskExecutor;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

/** Runs work at once on the calling thread: view model tests need no toolkit and no waiting. */
public final class DirectExecutor implements TaskExecutor {
    @Override
    public <T> void execute(Callable<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure) {
        T result;
        try {
            result = work.call();
        } catch (Exception e) {
            onFailure.accept(e);
            return;
        }
        onSuccess.accept(result);
    }

    @Override
    public void shutdown() {}
}
