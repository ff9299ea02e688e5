package dev.runstore.desktop.task;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import javafx.concurrent.Task;

/** {@link TaskExecutor} on javafx.concurrent.Task: work on daemon threads, callbacks on the FX thread. */
public final class FxTaskExecutor implements TaskExecutor {
    private final ExecutorService threads = Executors.newFixedThreadPool(2, new DaemonThreads());

    @Override
    public <T> TaskHandle execute(Callable<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure) {
        Task<T> task = new Task<>() {
            @Override
            protected T call() throws Exception {
                return work.call();
            }
        };
        // Our own flag as well as the task's state: a result already queued for the FX thread
        // when cancel() runs there must still be dropped.
        boolean[] cancelled = {false};
        task.setOnSucceeded(event -> {
            if (!cancelled[0]) {
                onSuccess.accept(task.getValue());
            }
        });
        task.setOnFailed(event -> {
            if (!cancelled[0]) {
                onFailure.accept(task.getException());
            }
        });
        threads.execute(task);
        return () -> {
            cancelled[0] = true;
            task.cancel(true); // interrupts the worker; a task not started yet never runs
        };
    }

    @Override
    public void shutdown() {
        threads.shutdown();
    }

    private static final class DaemonThreads implements java.util.concurrent.ThreadFactory {
        private final AtomicInteger count = new AtomicInteger();

        @Override
        public Thread newThread(Runnable runnable) {
            Thread thread = new Thread(runnable, "runstore-console-worker-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }
    }
}
