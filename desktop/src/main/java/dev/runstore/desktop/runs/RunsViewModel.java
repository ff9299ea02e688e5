package dev.runstore.desktop.runs;

import dev.runstore.core.admin.RunSummary;
import dev.runstore.core.store.Event;
import dev.runstore.core.store.Level;
import dev.runstore.desktop.data.DatabaseSession;
import dev.runstore.desktop.task.TaskExecutor;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

/**
 * The Runs panel: recent runs with a status filter; the selected run's events with a minimum level
 * and a text search; the selected event's payload, pretty-printed, and its truncation marker.
 */
public final class RunsViewModel {
    /** The status filter's "no filter" choice. */
    public static final String ALL = "all";

    static final int EVENT_LIMIT = 1_000;

    private final TaskExecutor executor;
    private final Supplier<DatabaseSession> session;
    private final Consumer<Throwable> errors;

    private final ObservableList<RunSummary> runs = FXCollections.observableArrayList();
    private final FilteredList<RunSummary> visibleRuns = new FilteredList<>(runs);
    private final StringProperty statusFilter = new SimpleStringProperty(ALL);
    private final ObjectProperty<RunSummary> selectedRun = new SimpleObjectProperty<>();

    private final ObservableList<Event> events = FXCollections.observableArrayList();
    private final FilteredList<Event> visibleEvents = new FilteredList<>(events);
    private final ObjectProperty<Level> minLevel = new SimpleObjectProperty<>(Level.DEBUG);
    private final StringProperty search = new SimpleStringProperty("");
    private final ReadOnlyBooleanWrapper loadingEvents = new ReadOnlyBooleanWrapper(false);

    private final ObjectProperty<Event> selectedEvent = new SimpleObjectProperty<>();
    private final ReadOnlyStringWrapper payload = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper eventDetail = new ReadOnlyStringWrapper("");

    public RunsViewModel(TaskExecutor executor, Supplier<DatabaseSession> session, Consumer<Throwable> errors) {
        this.executor = executor;
        this.session = session;
        this.errors = errors;
        statusFilter.addListener((o, was, now) -> visibleRuns.setPredicate(
                now == null || now.equals(ALL)
                        ? null
                        : run -> run.run().status().label().equals(now)));
        search.addListener((o, was, now) -> visibleEvents.setPredicate(matching(now)));
        selectedRun.addListener((o, was, now) -> {
            if (was == null || now == null || was.run().id() != now.run().id()) {
                loadEvents();
            }
        });
        minLevel.addListener((o, was, now) -> loadEvents());
        selectedEvent.addListener((o, was, now) -> showEvent(now));
    }

    /** New runs from a refresh; the selected run stays selected (by id) if it is still listed. */
    public void show(List<RunSummary> latest) {
        RunSummary selected = selectedRun.get();
        runs.setAll(latest);
        if (selected != null) {
            RunSummary again = latest.stream()
                    .filter(r -> r.run().id() == selected.run().id())
                    .findFirst()
                    .orElse(null);
            selectedRun.set(again);
            if (again != null) {
                loadEvents(); // a live refresh shows the run's new events too
            }
        }
    }

    public void clear() {
        runs.clear();
        selectedRun.set(null);
        events.clear();
    }

    private void loadEvents() {
        RunSummary run = selectedRun.get();
        if (run == null) {
            events.clear();
            return;
        }
        Level level = minLevel.get() == null ? Level.DEBUG : minLevel.get();
        DatabaseSession current = session.get();
        loadingEvents.set(true);
        executor.execute(
                () -> current.events(run.run().name(), level, EVENT_LIMIT),
                loaded -> {
                    loadingEvents.set(false);
                    if (selectedRun.get() != null
                            && selectedRun.get().run().id() == run.run().id()) {
                        Event selected = selectedEvent.get();
                        events.setAll(loaded);
                        if (selected != null) {
                            loaded.stream()
                                    .filter(e -> e.id() == selected.id())
                                    .findFirst()
                                    .ifPresent(selectedEvent::set);
                        }
                    }
                },
                failure -> {
                    loadingEvents.set(false);
                    errors.accept(failure);
                });
    }

    private void showEvent(Event event) {
        if (event == null) {
            payload.set("");
            eventDetail.set("");
            return;
        }
        eventDetail.set(detail(event));
        if (event.payload() != null) {
            payload.set(event.payload().pretty());
        } else if (event.payloadUri() != null) {
            payload.set("Loading the out-of-line payload…");
            DatabaseSession current = session.get();
            executor.execute(
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
                        errors.accept(failure);
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

    private static java.util.function.Predicate<Event> matching(String query) {
        if (query == null || query.isBlank()) {
            return null;
        }
        String needle = query.strip().toLowerCase(Locale.ROOT);
        return e -> e.message().toLowerCase(Locale.ROOT).contains(needle)
                || e.kind().toLowerCase(Locale.ROOT).contains(needle);
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

    public ObservableList<Event> visibleEvents() {
        return visibleEvents;
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

    public ObjectProperty<Event> selectedEventProperty() {
        return selectedEvent;
    }

    public ReadOnlyStringProperty payloadProperty() {
        return payload.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty eventDetailProperty() {
        return eventDetail.getReadOnlyProperty();
    }
}
