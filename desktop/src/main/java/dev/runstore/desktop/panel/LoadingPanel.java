package dev.runstore.desktop.panel;

import dev.runstore.desktop.data.DatabaseSession;
import dev.runstore.desktop.task.TaskHandle;
import java.util.concurrent.Callable;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;

/**
 * A panel that loads one value of type {@code T} from the session and shows it: the visibility,
 * staleness and cancel bookkeeping of the rule in package-info, so each panel writes only its
 * {@link #loader} (its work runs on a background thread) and {@link #show} (FX thread). Called on the FX thread.
 */
public abstract class LoadingPanel<T> implements Panel {
    protected final PanelContext context;
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper(false);
    private boolean visible;
    private boolean stale = true;
    private TaskHandle running;

    protected LoadingPanel(PanelContext context) {
        this.context = context;
    }

    /**
     * The panel's database read for one load: called on the FX thread, so it can capture what the
     * user chose (a selection, a filter) before the returned work runs on a background thread.
     */
    protected abstract Callable<T> loader(DatabaseSession session);

    /** Shows what the loader read, on the FX thread. */
    protected abstract void show(T loaded);

    /** Forgets what is shown (another database is open). */
    protected abstract void clear();

    /** Whether a refresh reloads a panel that has loaded; the Checks panel says no. */
    protected boolean reloadsOnRefresh() {
        return true;
    }

    @Override
    public void activate() {
        visible = true;
        if (stale) {
            refresh();
        }
    }

    @Override
    public void deactivate() {
        visible = false;
    }

    @Override
    public void refresh() {
        if (!visible) {
            stale = true;
            return;
        }
        if (!stale && !reloadsOnRefresh()) {
            return;
        }
        if (running != null) {
            return; // the live refresh skips a panel still loading instead of piling loads up
        }
        start();
    }

    /** Loads now, visible or not, replacing a load in flight: for the user's own requests. */
    public void reload() {
        cancelRunning();
        start();
    }

    @Override
    public void reset() {
        cancelRunning();
        stale = true;
        clear();
    }

    @Override
    public ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }

    protected boolean isVisible() {
        return visible;
    }

    private void start() {
        DatabaseSession session = context.session().get();
        if (session == null) {
            return;
        }
        stale = false;
        loading.set(true);
        TaskHandle[] handle = new TaskHandle[1];
        handle[0] = context.executor()
                .execute(
                        loader(session),
                        loaded -> {
                            finished(handle[0]);
                            if (context.session().get() == session) {
                                show(loaded);
                                context.loaded().run();
                            }
                        },
                        failure -> {
                            finished(handle[0]);
                            if (context.session().get() == session) {
                                context.errors().accept(failure);
                            }
                        });
        if (loading.get()) { // still running (a synchronous executor has finished already)
            running = handle[0];
        }
    }

    private void finished(TaskHandle handle) {
        if (running == handle || running == null) {
            running = null;
            loading.set(false);
        }
    }

    private void cancelRunning() {
        if (running != null) {
            running.cancel();
            running = null;
        }
        loading.set(false);
    }
}
