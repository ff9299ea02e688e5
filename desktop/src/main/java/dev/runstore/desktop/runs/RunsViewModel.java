package dev.runstore.desktop.runs;

import dev.runstore.core.admin.RunSummary;
import dev.runstore.core.store.Event;
import dev.runstore.core.store.EventFilter;
import dev.runstore.core.store.EventPage;
import dev.runstore.core.store.Events;
import dev.runstore.core.store.Level;
import dev.runstore.desktop.chart.RatesViewModel;
import dev.runstore.desktop.data.DatabaseSession;
import dev.runstore.desktop.format.Counts;
import dev.runstore.desktop.format.Times;
import dev.runstore.desktop.panel.LoadingPanel;
import dev.runstore.desktop.panel.PanelContext;
import dev.runstore.desktop.task.TaskHandle;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.BiPredicate;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.ObservableSet;
import javafx.collections.transformation.FilteredList;

/**
 * The Runs panel: recent runs with a status filter; the selected run's events a page at a time,
 * newest first, with a minimum level and a text search that the database applies over the whole
 * run; the selected event's whole message and payload. A refresh (live or F5) reloads the runs and
 * keeps its place: the page shown, the selected event and its pane stay; when the page is the
 * newest it reads only the events written above its top row, and either adds them on top
 * ({@link Follow#ON}, like {@code tail -f}) or says how many there are. Above means after the top
 * row on (ts, seq): an event written later with an older time shows at the next page read whole
 * (paging, Newest, Follow pressed). The selected run's count is the page's own, so the runs table
 * and the page summary always agree.
 */
public final class RunsViewModel extends LoadingPanel<RunsViewModel.Loaded> {
    /** The status filter's "no filter" choice. */
    public static final String ALL = "all";

    /** Events per page. */
    public static final int PAGE_SIZE = 200;

    /** Which page of which run, under which filter; {@code anchor} as {@link EventPage.Go} needs it. */
    record PageRequest(long runId, EventFilter filter, EventPage.Go go, Event anchor) {}

    /** What one refresh read: whether the file is runstore's, its runs, and the page shown. */
    /**
     * What one refresh read: whether the file is runstore's, its runs, the page shown when it was
     * read whole, and the events above the page's top row when those were read.
     */
    record Loaded(
            boolean runstore,
            List<RunSummary> runs,
            PageRequest request,
            long pageVersion,
            EventPage page,
            Events.Newer arrivals) {}

    /**
     * How far the events written above a followed page are counted in one refresh (an ingest of
     * 20,000 events a second writes 100,000 between two); beyond, the count is a lower bound.
     */
    static final long FOLLOW_COUNT_CAP = 1_000_000;

    /** How far "N new events" above a page left where it is counts. */
    static final long NOTICE_COUNT_CAP = 10_000;

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
    private final ReadOnlyObjectWrapper<Follow> follow = new ReadOnlyObjectWrapper<>(Follow.OFF);
    private final ObservableSet<Long> fresh = FXCollections.observableSet();
    private final LongProperty arrivedAbove = new SimpleLongProperty(0);
    private final ReadOnlyStringWrapper arrivedNotice = new ReadOnlyStringWrapper("");

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
        selectedRun.addListener((o, was, now) -> {
            if (!restoring) { // a refresh putting the run back must not read its chart afresh
                runRates.showRun(now == null ? null : now.run());
            }
        });
        minLevel.addListener((o, was, now) -> loadPage(EventPage.Go.NEWEST, null));
        search.addListener((o, was, now) -> loadPage(EventPage.Go.NEWEST, null));
        selectedEvent.addListener((o, was, now) -> {
            if (restoring) {
                return; // a refresh putting the same event back: its pane stays as it is
            }
            showEvent(now);
            if (now != null && !events.isEmpty() && now.id() != events.get(0).id()) {
                pauseFollow(); // the person looks at an older row: it must not scroll away
            }
        });
        arrivedNotice.bind(
                javafx.beans.binding.Bindings.createStringBinding(() -> arrivedText(arrivedAbove.get()), arrivedAbove));
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
                Times.iso(event.ts()),
                Long.toString(event.seq()),
                event.level().label(),
                event.kind(),
                event.message());
    }

    // ---- following -----------------------------------------------------------------------------

    /** Whether the newest events are kept in view as they are written. */
    public enum Follow {
        /** A refresh leaves the page where it is. */
        OFF,
        /** A refresh adds the events written since to the top of the newest page. */
        ON,
        /** Following, stopped because the person scrolled or selected away from the newest row. */
        PAUSED
    }

    /** Follow on (showing the newest page now); or off when it was on. */
    public void toggleFollow() {
        if (follow.get() == Follow.ON) {
            follow.set(Follow.OFF);
        } else {
            follow();
        }
    }

    /** Shows the newest page and keeps the newest events in view from now on. */
    public void follow() {
        follow.set(Follow.ON);
        loadPage(EventPage.Go.NEWEST, null);
    }

    /** The person moved away from the newest row: following waits until asked again. */
    public void pauseFollow() {
        if (follow.get() == Follow.ON) {
            follow.set(Follow.PAUSED);
        }
    }

    /** Whether the Runs panel is the one shown (its keys act only then). */
    public boolean isOnScreen() {
        return isVisible();
    }

    /** The view has shown the new rows' mark long enough. */
    public void forgetFresh() {
        fresh.clear();
    }

    // ---- loading -------------------------------------------------------------------------------

    @Override
    protected Callable<Loaded> loader(DatabaseSession session) {
        PageRequest request = selectedRun.get() == null ? null : again();
        // What is on screen stays; only the events above its top row are read, and only when the
        // top row is the run's newest: a refresh costs what was written since, not the run's size.
        boolean onScreen = request == shown && shownPage != null;
        boolean following = onScreen && follow.get() == Follow.ON && shown.go() == EventPage.Go.NEWEST;
        boolean watchTop = onScreen && !shownPage.hasNewer();
        Event top = events.isEmpty() ? null : events.get(0);
        long version = pageVersion;
        return () -> {
            if (!session.isRunstore()) {
                return new Loaded(false, List.of(), null, version, null, null);
            }
            List<RunSummary> latest = session.recentRuns();
            if (request == null) {
                return new Loaded(true, latest, null, version, null, null);
            }
            if (!onScreen) {
                return new Loaded(true, latest, request, version, read(session, request), null);
            }
            if (!watchTop) {
                return new Loaded(true, latest, request, version, null, null);
            }
            Events.Newer above = session.newerEvents(
                    request.runId(), request.filter(), top, PAGE_SIZE, following ? FOLLOW_COUNT_CAP : NOTICE_COUNT_CAP);
            return new Loaded(true, latest, request, version, null, above);
        };
    }

    private static EventPage read(DatabaseSession session, PageRequest request) {
        return session.events(request.runId(), request.filter(), request.go(), request.anchor(), PAGE_SIZE);
    }

    /** The request that shows the current page again: the one shown, if of this run and filter. */
    private PageRequest again() {
        long runId = selectedRun.get().run().id();
        if (shown != null && shown.runId() == runId && shown.filter().equals(filter())) {
            return shown;
        }
        return new PageRequest(runId, filter(), EventPage.Go.NEWEST, null);
    }

    @Override
    protected void show(Loaded loaded) {
        showRunsAndEvents(loaded);
        // After the list and the page, whichever way they were shown: the selected run's chart
        // continues its series (once more when the run has just finished), and a run another
        // panel asked for is selected once it is listed.
        RunSummary selected = selectedRun.get();
        runRates.showRun(selected == null ? null : selected.run());
        runRates.refresh();
        pickWantedRun();
    }

    private void showRunsAndEvents(Loaded loaded) {
        notRunstore.set(!loaded.runstore());
        RunSummary selected = selectedRun.get();
        restoring = true;
        try {
            replaceInPlace(
                    runs, loaded.runs(), (a, b) -> a.run().id() == b.run().id());
            RunSummary again = selected == null
                    ? null
                    : runs.stream()
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
            return;
        }
        if (loaded.pageVersion() != pageVersion || loaded.request() == null) {
            return; // the person paged meanwhile: that page is on its way
        }
        long listed = selectedRun.get() == null ? -1 : selectedRun.get().eventCount();
        if (loaded.page() != null) {
            showPage(loaded.request(), loaded.page());
        } else if (loaded.request() == shown && loaded.arrivals() != null && follow.get() == Follow.ON) {
            addOnTop(loaded.arrivals(), listed);
        } else if (loaded.request() == shown) {
            if (loaded.arrivals() != null) {
                Events.Newer above = loaded.arrivals();
                arrivedAbove.set(above.countExact() ? above.count() : -above.count());
            }
            // The page stays as it was read; the run's total is the listing's, which is newer.
            EventPage page = shownPage;
            long total = Math.max(page.runTotal(), listed);
            shownPage = new EventPage(
                    page.events(),
                    total,
                    page.matchingExact() && shown.filter().isAll() ? total : page.matching(),
                    page.matchingExact(),
                    page.hasOlder(),
                    page.hasNewer());
            showCounts(shownPage);
        }
    }

    /**
     * Following: the events written since go on top and the oldest beyond a page fall off the
     * bottom; when more than a page was written, the page is the newest of them.
     */
    private void addOnTop(Events.Newer above, long listed) {
        EventPage page = shownPage;
        List<Event> arrivals = above.events();
        if (arrivals.isEmpty()) {
            if (listed > page.runTotal()) {
                shownPage = new EventPage(
                        page.events(),
                        listed,
                        shown.filter().isAll() ? listed : page.matching(),
                        page.matchingExact(),
                        page.hasOlder(),
                        page.hasNewer());
                showCounts(shownPage);
            }
            return;
        }
        boolean gap = above.count() > arrivals.size(); // more came in than a page holds
        restoring = true;
        Event selected = selectedEvent.get();
        try {
            if (gap) {
                events.setAll(arrivals);
            } else {
                events.addAll(0, arrivals);
            }
            boolean cut = events.size() > PAGE_SIZE;
            if (cut) {
                events.remove(PAGE_SIZE, events.size());
            }
            if (selected != null && !events.contains(selected)) {
                selectedEvent.set(null);
            }
            long matching = page.matching() + above.count();
            boolean exact = page.matchingExact() && above.countExact();
            long total = shown.filter().isAll() ? Math.max(listed, matching) : Math.max(listed, page.runTotal());
            shownPage = new EventPage(
                    List.copyOf(events),
                    total,
                    shown.filter().isAll() ? total : matching,
                    exact,
                    page.hasOlder() || cut || gap,
                    false);
        } finally {
            restoring = false;
        }
        if (selected != null && selectedEvent.get() == null) {
            showEvent(null);
        }
        fresh.clear();
        arrivals.forEach(e -> fresh.add(e.id()));
        showCounts(shownPage);
    }

    private static Set<Long> ids(List<Event> list) {
        Set<Long> ids = new HashSet<>();
        list.forEach(e -> ids.add(e.id()));
        return ids;
    }

    /**
     * {@code list} made equal to {@code latest} with the fewest changes: when the same items (by
     * {@code same}) are in the same order, only the changed ones are set, so a table over the list
     * keeps its selection, focus and scroll position through a refresh.
     */
    static <T> void replaceInPlace(ObservableList<T> list, List<T> latest, BiPredicate<T, T> same) {
        boolean sameItems = list.size() == latest.size();
        for (int i = 0; sameItems && i < list.size(); i++) {
            sameItems = same.test(list.get(i), latest.get(i));
        }
        if (!sameItems) {
            list.setAll(latest);
            return;
        }
        for (int i = 0; i < list.size(); i++) {
            if (!list.get(i).equals(latest.get(i))) {
                list.set(i, latest.get(i));
            }
        }
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
        fresh.clear();
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
        if (go != EventPage.Go.NEWEST) {
            pauseFollow();
        }
        if (run == null || session == null) {
            return;
        }
        PageRequest request = new PageRequest(run.run().id(), filter(), go, anchor);
        long version = pageVersion;
        loadingEvents.set(true);
        TaskHandle handle = context.executor()
                .execute(
                        () -> read(session, request),
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

    /**
     * Shows a page read whole. The selected event stays selected when the page has it (matched by
     * id), and its pane is not read again; the list is left alone when the page holds the same
     * events, so a table over it keeps its place.
     */
    private void showPage(PageRequest request, EventPage page) {
        RunSummary run = selectedRun.get();
        if (run == null || run.run().id() != request.runId()) {
            return;
        }
        shown = request;
        shownPage = page;
        arrivedAbove.set(0);
        Event selected = selectedEvent.get();
        Event again = null;
        restoring = true;
        try {
            if (!ids(events).equals(ids(page.events()))
                    || events.size() != page.events().size()) {
                events.setAll(page.events());
            }
            if (selected != null) {
                again = page.events().stream()
                        .filter(e -> e.id() == selected.id())
                        .findFirst()
                        .orElse(null);
            }
            selectedEvent.set(again);
        } finally {
            restoring = false;
        }
        if (again == null && selected != null) {
            showEvent(null);
        }
        showCounts(page);
    }

    private void showCounts(EventPage page) {
        pageRunTotal.set(page == null ? -1 : page.runTotal());
        canOlder.set(page != null && page.hasOlder());
        canNewer.set(page != null && (page.hasNewer() || arrivedAbove.get() != 0));
        pageSummary.set(page == null ? "" : summary(page, shown.filter()));
    }

    static String summary(EventPage page, EventFilter filter) {
        String showing = "Showing " + Counts.of(page.events().size()) + " of ";
        if (filter.isAll()) {
            return showing + Counts.of(page.runTotal(), "event", "events") + ", newest first";
        }
        String matching = page.matchingExact()
                ? Counts.of(page.matching()) + " matching"
                : "more than " + Counts.of(page.matching()) + " matching (counting stopped after "
                        + Events.COUNT_BUDGET.toSeconds() + " s)";
        return showing + matching + ", newest first · " + Counts.of(page.runTotal()) + " in the run";
    }

    /**
     * "12 new events" above a page left where it is, "more than 10,000 new events" when the count
     * stopped at its cap (a negative {@code arrived}); empty with none.
     */
    static String arrivedText(long arrived) {
        if (arrived == 0) {
            return "";
        }
        return arrived < 0
                ? "more than " + Counts.of(-arrived) + " new events"
                : Counts.of(arrived, "new event", "new events");
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

    /** Off, following the newest events, or paused by scrolling or selecting away from them. */
    public ReadOnlyObjectProperty<Follow> followProperty() {
        return follow.getReadOnlyProperty();
    }

    /** Ids of the rows the last refresh added on top while following: the view marks them briefly. */
    public ObservableSet<Long> freshEvents() {
        return fresh;
    }

    /** "12 new events" above a newest page that a refresh left where it was; empty with none. */
    public ReadOnlyStringProperty arrivedProperty() {
        return arrivedNotice.getReadOnlyProperty();
    }

    /** The selected event's whole stored message. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }
}
