package dev.runstore.desktop.task;

/**
 * A started piece of background work. {@link #cancel} drops its callbacks (neither success nor
 * failure is delivered after it) and interrupts its worker thread; work that must stop a running
 * statement also cancels its core {@code dev.runstore.core.query.Cancellation}, since an interrupt
 * does not reach a SQLite or PostgreSQL statement.
 */
public interface TaskHandle {
    /** A handle for work that already finished: cancelling it does nothing. */
    TaskHandle DONE = () -> {};

    void cancel();
}
