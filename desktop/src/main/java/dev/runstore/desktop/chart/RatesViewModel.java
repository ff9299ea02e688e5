package dev.runstore.desktop.chart;

import dev.runstore.core.stats.ChartRange;
import dev.runstore.core.stats.EventRates.By;
import dev.runstore.core.stats.LevelCounts;
import dev.runstore.core.stats.RateSeries;
import dev.runstore.core.store.Level;
import dev.runstore.core.store.Run;
import dev.runstore.desktop.data.DatabaseSession;
import dev.runstore.desktop.panel.Navigation;
import dev.runstore.desktop.panel.PanelContext;
import dev.runstore.desktop.task.TaskHandle;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * One rate chart's state: every run's events over a {@link ChartRange}, or one run's. A new range
 * or run is read afresh in the background (the chart says it is loading, and a slow "all" on a
 * large database holds up no panel's own load); a refresh continues the shown series from its last
 * bucket ({@link RateSeries#refreshed}), so it costs one bucket's events. Buckets without events are
 * filled in as zeros here, so the chart's axis is even in time. Called on the FX thread.
 */
public final class RatesViewModel {
    /** What the chart shows. */
    public enum State {
        /** Nothing asked for yet (no database, no run selected). */
        IDLE,
        LOADING,
        SHOWN,
        /** Asked for, read, and no events in it: the chart says so instead of drawing an empty axis. */
        EMPTY,
        FAILED
    }

    private final PanelContext context;
    private final Clock clock;
    private Navigation navigation = Navigation.NONE;

    private final ReadOnlyObjectWrapper<State> state = new ReadOnlyObjectWrapper<>(State.IDLE);
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<By> by = new ReadOnlyObjectWrapper<>(By.MINUTE);
    private final ObservableList<LevelCounts> buckets = FXCollections.observableArrayList();

    /** What is asked for: a range's label or a run's id, so asking again for it does nothing. */
    private Object target;

    private String emptyText = "";
    private boolean live = true;
    private Function<DatabaseSession, RateSeries> first;
    private RateSeries shown;
    private TaskHandle running;
    private long version;

    public RatesViewModel(PanelContext context) {
        this(context, Clock.systemUTC());
    }

    RatesViewModel(PanelContext context, Clock clock) {
        this.context = context;
        this.clock = clock;
    }

    /** Where a click on a bar sends the person: Browse, filtered to that bucket and level. */
    public void navigateWith(Navigation navigation) {
        this.navigation = navigation == null ? Navigation.NONE : navigation;
    }

    /** Every run's events over {@code range}, read afresh unless that range is shown already. */
    public void showRange(ChartRange range) {
        live = true;
        ask(
                range,
                "No events " + range.inWords() + ".",
                "Loading events per " + range.by().name().toLowerCase(java.util.Locale.ROOT) + "…",
                session -> session.eventRates(range));
    }

    /** One run's events, in buckets that suit its length; null shows nothing. */
    public void showRun(Run run) {
        if (run == null) {
            clear();
            return;
        }
        // A finished run's events are all in: a refresh reads nothing for it, except once, when the
        // run shown live has just finished (its last events came after the last refresh).
        boolean finishing = Long.valueOf(run.id()).equals(target) && live && run.finishedAt() != null;
        live = run.finishedAt() == null;
        if (finishing) {
            continueSeries();
            return;
        }
        Instant end = run.finishedAt() == null ? clock.instant() : run.finishedAt();
        By width = dev.runstore.core.stats.ChartRange.byForSpan(Duration.between(run.startedAt(), end));
        ask(
                run.id(),
                "No events in this run yet.",
                "Loading the run's events per " + width.name().toLowerCase(java.util.Locale.ROOT) + "…",
                session -> session.runRates(run.id(), width));
    }

    /** Live refresh: the shown series continued; nothing while a load is still running. */
    public void refresh() {
        if (live) {
            continueSeries();
        }
    }

    private void continueSeries() {
        DatabaseSession session = context.session().get();
        if (session == null || running != null || target == null) {
            return;
        }
        if (shown == null) {
            load(session, first, null); // the last load failed: try it again
            return;
        }
        RateSeries previous = shown;
        load(session, s -> s.rates(previous), null);
    }

    /** Forgets the series and cancels a load (another database, no run). */
    public void clear() {
        cancel();
        target = null;
        first = null;
        shown = null;
        buckets.clear();
        state.set(State.IDLE);
        message.set("");
    }

    /** Whether a load is in flight. */
    public boolean loading() {
        return running != null;
    }

    /** A bar clicked: that bucket's events at {@code level} in the Browse panel. */
    public void open(LevelCounts bucket, Level level) {
        RateSeries series = shown;
        if (series != null) {
            navigation.browse(
                    "events", RateSeries.browseFilters(bucket.start(), series.by(), Optional.of(level), series.run()));
        }
    }

    private void ask(Object key, String empty, String loadingText, Function<DatabaseSession, RateSeries> read) {
        if (key.equals(target) && state.get() != State.FAILED) {
            return;
        }
        DatabaseSession session = context.session().get();
        target = key;
        emptyText = empty;
        first = read;
        shown = null;
        if (session == null) {
            return;
        }
        load(session, read, loadingText);
    }

    /** {@code loadingText} null: a refresh, which keeps the shown bars while it reads. */
    private void load(DatabaseSession session, Function<DatabaseSession, RateSeries> read, String loadingText) {
        cancel();
        long asked = ++version;
        if (loadingText != null) {
            buckets.clear();
            state.set(State.LOADING);
            message.set(loadingText);
        }
        boolean[] pending = {true};
        TaskHandle handle = context.executor()
                .execute(
                        () -> read.apply(session),
                        series -> {
                            pending[0] = false;
                            if (asked == version) {
                                running = null; // whatever the session: a stuck flag would stop every refresh
                                if (context.session().get() == session) {
                                    show(series);
                                }
                            }
                        },
                        failure -> {
                            pending[0] = false;
                            if (asked == version) {
                                running = null;
                                state.set(State.FAILED);
                                buckets.clear();
                                message.set("The chart could not be loaded: " + failure.getMessage());
                            }
                        });
        if (pending[0]) { // still running (a synchronous executor has finished already)
            running = handle;
        }
    }

    private void show(RateSeries series) {
        shown = series;
        by.set(series.by());
        if (series.buckets().isEmpty()) {
            buckets.clear();
            state.set(State.EMPTY);
            message.set(emptyText);
            return;
        }
        Instant last = series.run().isPresent()
                ? series.buckets().get(series.buckets().size() - 1).start()
                : clock.instant().truncatedTo(series.by().unit());
        Instant from = series.since().orElse(series.buckets().get(0).start());
        buckets.setAll(filled(series.buckets(), series.by(), from, last));
        state.set(State.SHOWN);
        message.set("");
    }

    private void cancel() {
        version++;
        if (running != null) {
            running.cancel();
            running = null;
        }
    }

    /** {@code counts} with a zero bucket for every bucket from {@code from} to {@code last} that has none. */
    static List<LevelCounts> filled(List<LevelCounts> counts, By by, Instant from, Instant last) {
        Map<Instant, LevelCounts> byStart = new TreeMap<>();
        counts.forEach(c -> byStart.put(c.start(), c));
        List<LevelCounts> all = new ArrayList<>();
        Instant end = last.isBefore(from) ? from : last;
        for (Instant t = from; !t.isAfter(end); t = t.plus(1, by.unit())) {
            all.add(byStart.getOrDefault(t, new LevelCounts(t, 0, 0, 0, 0)));
        }
        // Events dated beyond the last bucket (a clock ahead of ours) are still drawn.
        byStart.values().stream().filter(c -> c.start().isAfter(end)).forEach(all::add);
        return all;
    }

    public ReadOnlyObjectProperty<State> stateProperty() {
        return state.getReadOnlyProperty();
    }

    /** What the chart says instead of bars: loading, no events, or why it failed; empty when drawn. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** The bucket width of the series shown. */
    public ReadOnlyObjectProperty<By> byProperty() {
        return by.getReadOnlyProperty();
    }

    /** Every bucket of the shown range, oldest first, zeros included. */
    public ObservableList<LevelCounts> buckets() {
        return buckets;
    }

    /** The run whose events are shown, or empty for every run's. */
    public OptionalLong run() {
        return shown == null ? OptionalLong.empty() : shown.run();
    }
}
