package dev.runstore.desktop.runs;

import dev.runstore.core.admin.RunSummary;
import dev.runstore.core.store.Event;
import dev.runstore.core.store.EventFilter;
import dev.runstore.core.store.EventPage;
import dev.runstore.core.store.Events;
import dev.runstore.core.store.Level;
import dev.runstore.core.time.UtcTime;
import dev.runstore.desktop.chart.RatesViewModel;
import dev.runstore.desktop.data.DatabaseSession;
import dev.runstore.desktop.panel.LoadingPanel;
import dev.runstore.desktop.panel.PanelContext;
import dev.runstore.desktop.task.TaskHandle;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

/**
 * The Runs panel: recent runs with a status filter; the selected run's events a page at a time,
 * newest first, with a minimum level and a text search that the database applies over the whole
 * run; the selected event's whole message and payload. A refresh reloads the runs and the page
 * shown; the selected run's count is the page's own (read with it), so the two always agree.
 */
public final class RunsViewModel extends LoadingPanel<RunsViewModel.Loaded> {
    /** The status filter's "no filter" choice. */
    public static final String ALL = "all";

    /** Events per page. */
    public static final int PAGE_SIZE = 200;

    /** Which page of which run, under which filter; {@code anchor} as {@link EventPage.Go} needs it. */
    record PageRequest(long runId, EventFilter filter, EventPage.Go go, Event anchor) {}

    /** What one refresh read: whether the file is runstore's, its runs, and the page shown. */
    record Loaded(boolean runstore, List<RunSummary> runs, PageRequest request, long pageVersion, EventPage page) {}

    private final ObservableList<RunSummary> runs = FXCollections.observableArrayList();
    private final FilteredList<RunSummary> visibleRuns = new FilteredList<>(runs);
    private final StringProperty statusFilter = new SimpleStringProperty(ALL);
    private final ObjectProperty<RunSummary> selectedRun = new SimpleObjectProperty<>();
    private final ReadOnlyBooleanWrapper notRunstore = new ReadOnlyBooleanWrapper(false);

    private final ObservableList<Event> events = FXCollections.observableArrayList();
    private final ObjectProperty<Level> minLevel = new SimpleObjectProperty<>(Level.DEBUG);
    private final StringProperty search = new SimpleStringProperty("");
    private final ReadOnlyBooleanWrapper loadingEvents = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper pageSummary = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper canOlder = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper canNewer = new ReadOnlyBooleanWrapper(false);
    private final LongProperty pageRunTotal = new SimpleLongProperty(-1);

    private final ObjectProperty<Event> selectedEvent = new SimpleObjectProperty<>();
    private final ReadOnlyStringWrapper payload = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper eventDetail = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");

    private final RatesViewModel runRates;
    private long wantedRun = -1; // asked for by another panel (the runs timeline), selected once listed

    private PageRequest shown; // the page on screen, which a refresh reloads
    private EventPage shownPage;
    private TaskHandle pageTask;
    private long pageVersion; // a refresh's page is dropped if the user paged meanwhile
    private boolean restoring; // re-selecting after a refresh is not the user choosing a run

    public RunsViewModel(PanelContext context) {
        super(context);
        runRates = new RatesViewModel(context);
        statusFilter.addListener((o, was, now) -> visibleRuns.setPredicate(
                now == null || now.equals(ALL)
                        ? null
                        : run -> run.run().status().label().equals(now)));
        selectedRun.addListener((o, was, now) -> {
            if (restoring) {
                return;
            }
            if (now == null) {
                cancelPage();
                shown = null;
                shownPage = null;
                events.clear();
                showCounts(null);
            } else if (was == null || was.run().id() != now.run().id()) {
                loadPage(EventPage.Go.NEWEST, null);
            }
        });
        // The selected run's chart (package chart) follows the selection and each refresh.
        selectedRun.addListener((o, was, now) -> runRates.showRun(now == null ? null : now.run()));
        minLevel.addListener((o, was, now) -> loadPage(EventPage.Go.NEWEST, null));
        search.addListener((o, was, now) -> loadPage(EventPage.Go.NEWEST, null));
        selectedEvent.addListener((o, was, now) -> showEvent(now));
    }

    // ---- paging --------------------------------------------------------------------------------

    /** The newest page (the first page). */
    public void newest() {
        loadPage(EventPage.Go.NEWEST, null);
    }

    /** The page of events just older than the last one shown. */
    public void older() {
        if (canOlder.get() && !events.isEmpty()) {
            loadPage(EventPage.Go.OLDER, events.get(events.size() - 1));
        }
    }

    /** The page of events just newer than the first one shown. */
    public void newer() {
        if (canNewer.get() && !events.isEmpty()) {
            loadPage(EventPage.Go.NEWER, events.get(0));
        }
    }

    /** The oldest page: it ends with the run's first event. */
    public void oldest() {
        loadPage(EventPage.Go.OLDEST, null);
    }

    /** The run's count as the page beside it read it, else as the runs listing read it. */
    public long eventCount(RunSummary summary) {
        return shown != null && summary.run().id() == shown.runId() && pageRunTotal.get() >= 0
                ? pageRunTotal.get()
                : summary.eventCount();
    }

    /** The selected event as one line of text (what Copy and Ctrl+C put on the clipboard). */
    public String copyText() {
        Event event = selectedEvent.get();
        return event == null ? "" : rowText(event);
    }

    static String rowText(Event event) {
        return String.join(
                "\t",
                UtcTime.toIso(event.ts()),
                Long.toString(event.seq()),
                event.level().label(),
                event.kind(),
                event.message());
    }

    // ---- loading -------------------------------------------------------------------------------

    @Override
    protected Callable<Loaded> loader(DatabaseSession session) {
        PageRequest request = selectedRun.get() == null ? null : again();
        long version = pageVersion;
        return () -> {
            if (!session.isRunstore()) {
                return new Loaded(false, List.of(), null, version, null);
            }
            List<RunSummary> latest = session.recentRuns();
            EventPage page = request == null
                    ? null
                    : session.events(request.runId(), request.filter(), request.go(), request.anchor(), PAGE_SIZE);
            return new Loaded(true, latest, request, version, page);
        };
    }

    /** The request that shows the current page again, with what is new on it. */
    private PageRequest again() {
        long runId = selectedRun.get().run().id();
        if (shown != null && shown.runId() == runId && shown.filter().equals(filter())) {
            return shown;
        }
        return new PageRequest(runId, filter(), EventPage.Go.NEWEST, null);
    }

    @Override
    protected void show(Loaded loaded) {
        notRunstore.set(!loaded.runstore());
        RunSummary selected = selectedRun.get();
        restoring = true;
        try {
            runs.setAll(loaded.runs());
            RunSummary again = selected == null
                    ? null
                    : loaded.runs().stream()
                            .filter(r -> r.run().id() == selected.run().id())
                            .findFirst()
                            .orElse(null);
            selectedRun.set(again);
        } finally {
            restoring = false;
        }
        if (selected != null && selectedRun.get() == null) {
            // The run is gone (a reset): clear its events as a deselection would.
            shown = null;
            shownPage = null;
            events.clear();
            showCounts(null);
        } else if (loaded.page() != null && loaded.pageVersion() == pageVersion) {
            showPage(loaded.request(), loaded.page());
        }
        runRates.refresh();
        pickWantedRun();
    }

    /** Selects the run {@code runId}: now if it is listed, else once a load lists it. */
    public void selectRun(long runId) {
        wantedRun = runId;
        pickWantedRun();
    }

    private void pickWantedRun() {
        runs.stream().filter(r -> r.run().id() == wantedRun).findFirst().ifPresent(r -> {
            wantedRun = -1;
            statusFilter.set(ALL);
            selectedRun.set(r);
        });
    }

    @Override
    protected void clear() {
        runRates.clear();
        cancelPage();
        restoring = true;
        try {
            runs.clear();
            selectedRun.set(null);
        } finally {
            restoring = false;
        }
        shown = null;
        shownPage = null;
        events.clear();
        showCounts(null);
        notRunstore.set(false);
    }

    private EventFilter filter() {
        return new EventFilter(minLevel.get(), search.get());
    }

    private void loadPage(EventPage.Go go, Event anchor) {
        RunSummary run = selectedRun.get();
        DatabaseSession session = context.session().get();
        cancelPage();
        pageVersion++;
        if (run == null || session == null) {
            return;
        }
        PageRequest request = new PageRequest(run.run().id(), filter(), go, anchor);
        long version = pageVersion;
        loadingEvents.set(true);
        TaskHandle handle = context.executor()
                .execute(
                        () -> session.events(
                                request.runId(), request.filter(), request.go(), request.anchor(), PAGE_SIZE),
                        page -> {
                            if (version == pageVersion) {
                                loadingEvents.set(false);
                                pageTask = null;
                                showPage(request, page);
                            }
                        },
                        failure -> {
                            if (version == pageVersion) {
                                loadingEvents.set(false);
                                pageTask = null;
                                context.errors().accept(failure);
                            }
                        });
        if (loadingEvents.get()) {
            pageTask = handle;
        }
    }

    private void cancelPage() {
        if (pageTask != null) {
            pageTask.cancel();
            pageTask = null;
        }
        loadingEvents.set(false);
    }

    private void showPage(PageRequest request, EventPage page) {
        RunSummary run = selectedRun.get();
        if (run == null || run.run().id() != request.runId()) {
            return;
        }
        shown = request;
        shownPage = page;
        Event selected = selectedEvent.get();
        events.setAll(page.events());
        if (selected != null) {
            page.events().stream()
                    .filter(e -> e.id() == selected.id())
                    .findFirst()
                    .ifPresent(selectedEvent::set);
        }
        showCounts(page);
    }

    private void showCounts(EventPage page) {
        pageRunTotal.set(page == null ? -1 : page.runTotal());
        canOlder.set(page != null && page.hasOlder());
        canNewer.set(page != null && page.hasNewer());
        pageSummary.set(page == null ? "" : summary(page, shown.filter()));
    }

    static String summary(EventPage page, EventFilter filter) {
        String showing = "Showing " + number(page.events().size()) + " of ";
        if (filter.isAll()) {
            return showing + number(page.runTotal()) + (page.runTotal() == 1 ? " event" : " events") + ", newest first";
        }
        String matching = page.matchingExact()
                ? number(page.matching()) + " matching"
                : "more than " + number(page.matching()) + " matching (counting stopped after "
                        + Events.COUNT_BUDGET.toSeconds() + " s)";
        return showing + matching + ", newest first · " + number(page.runTotal()) + " in the run";
    }

    private static String number(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    // ---- the selected event --------------------------------------------------------------------

    private void showEvent(Event event) {
        if (event == null) {
            payload.set("");
            eventDetail.set("");
            message.set("");
            return;
        }
        eventDetail.set(detail(event));
        message.set(event.message());
        if (event.payload() != null) {
            payload.set(event.payload().pretty());
        } else if (event.payloadUri() != null) {
            payload.set("Loading the out-of-line payload…");
            DatabaseSession current = context.session().get();
            context.executor()
                    .execute(
                            () -> current.payload(event).pretty(),
                            text -> {
                                if (event.equals(selectedEvent.get())) {
                                    payload.set(text);
                                }
                            },
                            failure -> {
                                // Where the reader looks for the payload, not only in the banner.
                                if (event.equals(selectedEvent.get())) {
                                    payload.set("The payload cannot be shown: " + failure.getMessage());
                                }
                                context.errors().accept(failure);
                            });
        } else {
            payload.set("(no payload)");
        }
    }

    static String detail(Event event) {
        StringBuilder text = new StringBuilder()
                .append("seq ")
                .append(event.seq())
                .append(" · ")
                .append(event.level().label())
                .append(" · ")
                .append(event.kind());
        if (event.truncated()) {
            text.append(" · message truncated: ")
                    .append(event.message().codePointCount(0, event.message().length()))
                    .append(" of ")
                    .append(event.messageLength())
                    .append(" characters kept");
        }
        if (event.payloadUri() != null) {
            text.append(" · payload stored out of line: ").append(event.payloadUri());
        }
        return text.toString();
    }

    // ---- properties ----------------------------------------------------------------------------

    /** The selected run's events over time, by level. */
    public RatesViewModel runRates() {
        return runRates;
    }

    public ObservableList<RunSummary> visibleRuns() {
        return visibleRuns;
    }

    public StringProperty statusFilterProperty() {
        return statusFilter;
    }

    public ObjectProperty<RunSummary> selectedRunProperty() {
        return selectedRun;
    }

    /** True over a SQLite file that has no runs or events table. */
    public ReadOnlyBooleanProperty notRunstoreProperty() {
        return notRunstore.getReadOnlyProperty();
    }

    /** The page shown, newest first; the database already applied the level and the search. */
    public ObservableList<Event> visibleEvents() {
        return events;
    }

    public ObjectProperty<Level> minLevelProperty() {
        return minLevel;
    }

    public StringProperty searchProperty() {
        return search;
    }

    public ReadOnlyBooleanProperty loadingEventsProperty() {
        return loadingEvents.getReadOnlyProperty();
    }

    /** "Showing 200 of 10,000 events, newest first", or of the matching ones. */
    public ReadOnlyStringProperty pageSummaryProperty() {
        return pageSummary.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canOlderProperty() {
        return canOlder.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canNewerProperty() {
        return canNewer.getReadOnlyProperty();
    }

    /** The selected run's count as its page read it; -1 with no page. The runs table listens to it. */
    public ReadOnlyLongProperty pageRunTotalProperty() {
        return pageRunTotal;
    }

    public ObjectProperty<Event> selectedEventProperty() {
        return selectedEvent;
    }

    public ReadOnlyStringProperty payloadProperty() {
        return payload.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty eventDetailProperty() {
        return eventDetail.getReadOnlyProperty();
    }

    /** The selected event's whole stored message. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }
}
