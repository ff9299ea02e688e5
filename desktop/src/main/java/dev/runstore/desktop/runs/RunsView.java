package dev.runstore.desktop.runs;

import atlantafx.base.theme.Styles;
import dev.runstore.core.admin.RunSummary;
import dev.runstore.core.store.Event;
import dev.runstore.core.store.Level;
import dev.runstore.desktop.chart.RateChart;
import dev.runstore.desktop.format.Counts;
import dev.runstore.desktop.format.Times;
import dev.runstore.desktop.panel.Panel;
import dev.runstore.desktop.runs.RunsViewModel.Follow;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.SetChangeListener;
import javafx.collections.transformation.SortedList;
import javafx.css.PseudoClass;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.control.skin.VirtualFlow;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.Text;
import javafx.util.Duration;

/** The Runs panel's controller: binds the tables and filters to {@link RunsViewModel}. */
public final class RunsView {
    private static final KeyCombination COPY = new KeyCodeCombination(KeyCode.C, KeyCombination.SHORTCUT_DOWN);

    /** Follow's key: Ctrl+F is the search, F5 the refresh, so Ctrl+Shift+F. */
    public static final KeyCombination FOLLOW =
            new KeyCodeCombination(KeyCode.F, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN);

    /** How long rows that a refresh added while following stay marked. */
    static final Duration FRESH_MARK = Duration.seconds(2);

    private static final PseudoClass FRESH = PseudoClass.getPseudoClass("fresh");

    @FXML
    private ComboBox<String> statusFilter;

    @FXML
    private TableView<RunSummary> runsTable;

    @FXML
    private TableColumn<RunSummary, String> runName;

    @FXML
    private TableColumn<RunSummary, String> runSource;

    @FXML
    private TableColumn<RunSummary, String> runStatus;

    @FXML
    private TableColumn<RunSummary, Instant> runStarted;

    @FXML
    private TableColumn<RunSummary, Instant> runFinished;

    @FXML
    private TableColumn<RunSummary, Long> runEvents;

    @FXML
    private Label eventsTitle;

    @FXML
    private ComboBox<Level> levelFilter;

    @FXML
    private TextField searchField;

    @FXML
    private TableView<Event> eventsTable;

    @FXML
    private TableColumn<Event, Instant> eventTs;

    @FXML
    private TableColumn<Event, Long> eventSeq;

    @FXML
    private TableColumn<Event, String> eventLevel;

    @FXML
    private TableColumn<Event, String> eventKind;

    @FXML
    private TableColumn<Event, Event> eventMessage;

    @FXML
    private Label eventDetail;

    @FXML
    private TextArea payloadArea;

    @FXML
    private TextArea messageArea;

    @FXML
    private Button newestButton;

    @FXML
    private Button newerButton;

    @FXML
    private Button olderButton;

    @FXML
    private Button oldestButton;

    @FXML
    private Button copyButton;

    @FXML
    private Label pageSummary;

    @FXML
    private RateChart runChart;

    @FXML
    private ToggleButton followButton;

    @FXML
    private Label arrivedLabel;

    private final Map<String, Double> kindWidths = new HashMap<>(); // in the table's font
    private long marks; // which refresh's marks the pending clear is for
    private boolean repaintQueued;
    private boolean scrollingToTop; // the view itself moving to the newest row is not the person leaving it

    private RunsViewModel viewModel;

    public void bind(RunsViewModel viewModel) {
        this.viewModel = viewModel;
        runChart.bind(viewModel.runRates());
        statusFilter.setItems(FXCollections.observableArrayList(
                List.of(RunsViewModel.ALL, "running", "succeeded", "failed", "cancelled")));
        statusFilter.valueProperty().bindBidirectional(viewModel.statusFilterProperty());
        runName.setCellValueFactory(
                c -> new ReadOnlyObjectWrapper<>(c.getValue().run().name()));
        runSource.setCellValueFactory(
                c -> new ReadOnlyObjectWrapper<>(c.getValue().run().source()));
        runStatus.setCellValueFactory(
                c -> new ReadOnlyObjectWrapper<>(c.getValue().run().status().label()));
        runStarted.setCellValueFactory(
                c -> new ReadOnlyObjectWrapper<>(c.getValue().run().startedAt()));
        runStarted.setCellFactory(column -> new TimeCell<>());
        runFinished.setCellValueFactory(
                c -> new ReadOnlyObjectWrapper<>(c.getValue().run().finishedAt()));
        runFinished.setCellFactory(column -> new TimeCell<>());
        // The selected run's count is its page's (read with it), so the cell follows the page.
        runEvents.setCellValueFactory(c -> Bindings.createObjectBinding(
                () -> viewModel.eventCount(c.getValue()), viewModel.pageRunTotalProperty()));
        runEvents.setCellFactory(column -> new TextCell<>(Counts::of));
        runsTable.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);
        SortedList<RunSummary> sortedRuns = new SortedList<>(viewModel.visibleRuns());
        sortedRuns.comparatorProperty().bind(runsTable.comparatorProperty());
        runsTable.setItems(sortedRuns);
        runsTable
                .placeholderProperty()
                .bind(Bindings.createObjectBinding(
                        () -> new Label(
                                viewModel.notRunstoreProperty().get()
                                        ? Panel.NOT_RUNSTORE
                                        : "No runs yet. Ingest some with `runstore ingest`, or open the demo database."),
                        viewModel.notRunstoreProperty()));
        runsTable
                .getSelectionModel()
                .selectedItemProperty()
                .addListener((o, was, now) -> viewModel.selectedRunProperty().set(now));
        viewModel.selectedRunProperty().addListener((o, was, now) -> {
            if (now != runsTable.getSelectionModel().getSelectedItem()) {
                runsTable.getSelectionModel().select(now);
            }
        });

        eventsTitle
                .textProperty()
                .bind(Bindings.createStringBinding(
                        () -> viewModel.selectedRunProperty().get() == null
                                ? "Events"
                                : "Events of "
                                        + viewModel
                                                .selectedRunProperty()
                                                .get()
                                                .run()
                                                .name(),
                        viewModel.selectedRunProperty()));
        levelFilter.setItems(FXCollections.observableArrayList(Level.values()));
        levelFilter.valueProperty().bindBidirectional(viewModel.minLevelProperty());
        searchField.textProperty().bindBidirectional(viewModel.searchProperty());
        searchField.addEventHandler(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ESCAPE && !searchField.getText().isEmpty()) {
                searchField.clear(); // the search is cleared and the page read again without it
                e.consume();
            }
        });
        eventTs.setCellValueFactory(
                c -> new ReadOnlyObjectWrapper<>(c.getValue().ts()));
        eventTs.setCellFactory(column -> new TimeCell<>());
        eventSeq.setCellValueFactory(
                c -> new ReadOnlyObjectWrapper<>(c.getValue().seq()));
        eventSeq.setCellFactory(column -> new TextCell<>(Counts::of));
        eventLevel.setCellValueFactory(
                c -> new ReadOnlyObjectWrapper<>(c.getValue().level().label()));
        eventKind.setCellValueFactory(
                c -> new ReadOnlyObjectWrapper<>(c.getValue().kind()));
        eventMessage.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue()));
        eventMessage.setCellFactory(column -> new MessageCell());
        eventsTable.setItems(viewModel.visibleEvents());
        eventsTable.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        eventsTable.setRowFactory(table -> new EventRow(viewModel));
        bindFollow();
        runsTable.getStyleClass().add(Styles.DENSE);
        eventsTable.getStyleClass().add(Styles.DENSE);
        pageSummary.fontProperty().addListener((o, was, now) -> sizeColumns());
        sizeColumns();
        viewModel.visibleEvents().addListener((ListChangeListener<Event>) change -> fitKinds());
        pageSummary.setTooltip(new Tooltip());
        pageSummary.getTooltip().textProperty().bind(pageSummary.textProperty());
        eventsTable
                .placeholderProperty()
                .bind(Bindings.createObjectBinding(
                        () -> new Label(
                                viewModel.loadingEventsProperty().get()
                                        ? "Loading events…"
                                        : viewModel.notRunstoreProperty().get()
                                                ? Panel.NOT_RUNSTORE
                                                : viewModel
                                                                        .selectedRunProperty()
                                                                        .get()
                                                                == null
                                                        ? "Select a run to see its events."
                                                        : "No events match."),
                        viewModel.loadingEventsProperty(),
                        viewModel.notRunstoreProperty(),
                        viewModel.selectedRunProperty()));
        eventsTable.setOnKeyPressed(e -> {
            if (COPY.match(e)) {
                copy();
                e.consume();
            }
        });
        newestButton.disableProperty().bind(viewModel.canNewerProperty().not());
        newerButton.disableProperty().bind(viewModel.canNewerProperty().not());
        olderButton.disableProperty().bind(viewModel.canOlderProperty().not());
        oldestButton.disableProperty().bind(viewModel.canOlderProperty().not());
        pageSummary.textProperty().bind(viewModel.pageSummaryProperty());
        messageArea.textProperty().bind(viewModel.messageProperty());
        copyButton.disableProperty().bind(viewModel.selectedEventProperty().isNull());
        eventsTable
                .getSelectionModel()
                .selectedItemProperty()
                .addListener((o, was, now) -> viewModel.selectedEventProperty().set(now));
        viewModel.selectedEventProperty().addListener((o, was, now) -> {
            if (now == null) {
                eventsTable.getSelectionModel().clearSelection();
            } else if (now != eventsTable.getSelectionModel().getSelectedItem()) {
                eventsTable.getSelectionModel().select(now);
            }
        });
        eventDetail.textProperty().bind(viewModel.eventDetailProperty());
        payloadArea.textProperty().bind(viewModel.payloadProperty());
    }

    /**
     * The Follow toggle, its key, the scroll to the newest row as rows arrive, the pause when the
     * person scrolls away from it, and the brief mark on new rows.
     */
    private void bindFollow() {
        followButton
                .textProperty()
                .bind(Bindings.createStringBinding(
                        () -> switch (viewModel.followProperty().get()) {
                            case OFF -> "Follow";
                            case ON -> "Following";
                            case PAUSED -> "Follow (paused)";
                        },
                        viewModel.followProperty()));
        viewModel.followProperty().addListener((o, was, now) -> {
            followButton.setSelected(now == Follow.ON);
            if (now == Follow.ON) {
                scrollToNewest();
            }
        });
        followButton.setTooltip(new Tooltip("Keep the newest events in view as they are written ("
                + FOLLOW.getDisplayText() + "); scrolling or selecting away pauses it"));
        followButton.disableProperty().bind(viewModel.selectedRunProperty().isNull());
        arrivedLabel.textProperty().bind(viewModel.arrivedProperty());
        followButton.sceneProperty().addListener((o, was, now) -> {
            if (now != null) {
                now.getAccelerators().put(FOLLOW, () -> {
                    if (viewModel.isOnScreen() && !followButton.isDisabled()) {
                        viewModel.toggleFollow();
                    }
                });
            }
        });
        viewModel.visibleEvents().addListener((ListChangeListener<Event>) change -> {
            if (viewModel.followProperty().get() == Follow.ON) {
                scrollToNewest();
            }
        });
        // Scrolling away from the newest row pauses following, as in a tail -f viewer: the wheel,
        // the scroll bar and the keys all end in a scroll, so the check runs after each.
        eventsTable.addEventFilter(ScrollEvent.SCROLL, e -> Platform.runLater(this::pauseIfAway));
        eventsTable.addEventFilter(MouseEvent.MOUSE_RELEASED, e -> Platform.runLater(this::pauseIfAway));
        eventsTable.addEventFilter(KeyEvent.KEY_RELEASED, e -> Platform.runLater(this::pauseIfAway));
        // One repaint for a refresh's whole batch of marks, not one per row.
        viewModel.freshEvents().addListener((SetChangeListener<Long>) change -> {
            if (!repaintQueued) {
                repaintQueued = true;
                Platform.runLater(() -> {
                    repaintQueued = false;
                    eventsTable.refresh();
                    if (!viewModel.freshEvents().isEmpty()) {
                        forgetMarksLater();
                    }
                });
            }
        });
    }

    /**
     * Clears the marks after {@link #FRESH_MARK}, unless a later refresh marked rows meanwhile. A
     * timer, not a transition: a running animation keeps the toolkit drawing frames, which an
     * ingester beside the console would pay for.
     */
    private void forgetMarksLater() {
        long mine = ++marks;
        CompletableFuture.delayedExecutor((long) FRESH_MARK.toMillis(), TimeUnit.MILLISECONDS)
                .execute(() -> Platform.runLater(() -> {
                    if (marks == mine) {
                        viewModel.forgetFresh();
                    }
                }));
    }

    private void scrollToNewest() {
        scrollingToTop = true;
        try {
            eventsTable.scrollTo(0);
        } finally {
            scrollingToTop = false;
        }
        // scrollTo lays out on the next pulse, which moves the scroll bar after this returns.
        Platform.runLater(() -> {
            scrollingToTop = true;
            try {
                eventsTable.scrollTo(0);
                eventsTable.layout();
            } finally {
                scrollingToTop = false;
            }
        });
    }

    private void pauseIfAway() {
        if (scrollingToTop || viewModel.followProperty().get() != Follow.ON) {
            return;
        }
        if (eventsTable.lookup(".virtual-flow") instanceof VirtualFlow<?> flow
                && flow.getFirstVisibleCell() != null
                && flow.getFirstVisibleCell().getIndex() > 0) {
            viewModel.pauseFollow();
        }
    }

    /**
     * Columns of fixed-width values (times, numbers, levels, statuses) exactly as wide as their
     * widest value in the table's font; the name and message columns take the rest.
     */
    private void sizeColumns() {
        Font font = pageSummary.getFont();
        kindWidths.clear();
        fix(runStatus, font, "succeeded", "cancelled");
        fix(runStarted, font, TIME_SAMPLE);
        fix(runFinished, font, TIME_SAMPLE);
        fix(runEvents, font, NUMBER_SAMPLE);
        fix(eventTs, font, TIME_SAMPLE);
        fix(eventSeq, font, NUMBER_SAMPLE);
        fix(eventLevel, font, "warning", "error");
        fitKinds();
    }

    private static final String TIME_SAMPLE = "2026-11-27 10:15:59.500 UTC";
    private static final String NUMBER_SAMPLE = "99,999,999";

    /** Room for the cell's padding on both sides and the header's sort arrow. */
    private static final double CELL_PADDING = 28;

    private static double width(Font font, String text) {
        Text measured = new Text(text);
        measured.setFont(font);
        return Math.ceil(measured.getLayoutBounds().getWidth());
    }

    private static void fix(TableColumn<?, ?> column, Font font, String... samples) {
        double widest = width(Font.font(font.getFamily(), FontWeight.BOLD, font.getSize()), column.getText());
        for (String sample : samples) {
            widest = Math.max(widest, width(font, sample));
        }
        double w = widest + CELL_PADDING;
        column.setMinWidth(w);
        column.setPrefWidth(w);
        column.setMaxWidth(w);
    }

    /** The kind column as wide as the widest kind on the page, within bounds. */
    private void fitKinds() {
        Font font = pageSummary.getFont();
        double widest = width(Font.font(font.getFamily(), FontWeight.BOLD, font.getSize()), eventKind.getText());
        for (Event event : viewModel.visibleEvents()) {
            widest = Math.max(widest, kindWidths.computeIfAbsent(event.kind(), kind -> width(font, kind)));
        }
        double w = Math.min(widest + CELL_PADDING, 220);
        if (w == eventKind.getPrefWidth()) {
            return;
        }
        eventKind.setMinWidth(w);
        eventKind.setPrefWidth(w);
        eventKind.setMaxWidth(w);
    }

    @FXML
    private void toggleFollow() {
        viewModel.toggleFollow();
        followButton.setSelected(viewModel.followProperty().get() == Follow.ON);
    }

    @FXML
    private void newest() {
        viewModel.newest();
    }

    @FXML
    private void newer() {
        viewModel.newer();
    }

    @FXML
    private void older() {
        viewModel.older();
    }

    @FXML
    private void oldest() {
        viewModel.oldest();
    }

    /** Copy and Ctrl+C on the events table: the selected row as one line of text. */
    @FXML
    private void copy() {
        String text = viewModel.copyText();
        if (!text.isEmpty()) {
            ClipboardContent content = new ClipboardContent();
            content.putString(text);
            Clipboard.getSystemClipboard().setContent(content);
        }
    }

    public void focusSearch() {
        searchField.requestFocus();
        searchField.selectAll();
    }

    /** A stored time, compact in the cell, in full in its tooltip. */
    private static final class TimeCell<S> extends TableCell<S, Instant> {
        private final Tooltip full = new Tooltip();

        @Override
        protected void updateItem(Instant time, boolean empty) {
            super.updateItem(time, empty);
            if (empty || time == null) {
                setText(null);
                setTooltip(null);
                return;
            }
            setText(Times.compact(time));
            full.setText(Times.iso(time));
            setTooltip(full);
        }
    }

    /** A value shown as {@code text} makes it. */
    private static final class TextCell<S, T> extends TableCell<S, T> {
        private final Function<T, String> text;

        TextCell(Function<T, String> text) {
            this.text = text;
        }

        @Override
        protected void updateItem(T value, boolean empty) {
            super.updateItem(value, empty);
            setText(empty || value == null ? null : text.apply(value));
        }
    }

    /** An event's row, marked {@code :fresh} while it is one a refresh just added on top. */
    private static final class EventRow extends javafx.scene.control.TableRow<Event> {
        private final RunsViewModel viewModel;

        EventRow(RunsViewModel viewModel) {
            this.viewModel = viewModel;
        }

        @Override
        protected void updateItem(Event event, boolean empty) {
            super.updateItem(event, empty);
            pseudoClassStateChanged(
                    FRESH, !empty && event != null && viewModel.freshEvents().contains(event.id()));
        }
    }

    /** The message, with a marker when it was truncated on the way in. */
    private static final class MessageCell extends TableCell<Event, Event> {
        @Override
        protected void updateItem(Event event, boolean empty) {
            super.updateItem(event, empty);
            getStyleClass().removeAll("truncated", "level-error", "level-warning");
            if (empty || event == null) {
                setText(null);
                return;
            }
            setText(event.truncated() ? "✂ " + event.message() : event.message());
            if (event.truncated()) {
                getStyleClass().add("truncated");
            }
            if (event.level() == Level.ERROR) {
                getStyleClass().add("level-error");
            } else if (event.level() == Level.WARNING) {
                getStyleClass().add("level-warning");
            }
        }
    }
}
