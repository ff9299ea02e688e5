package dev.runstore.desktop.runs;

import dev.runstore.core.admin.RunSummary;
import dev.runstore.core.store.Event;
import dev.runstore.core.store.Level;
import dev.runstore.core.time.UtcTime;
import dev.runstore.desktop.chart.RateChart;
import dev.runstore.desktop.panel.Panel;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.transformation.SortedList;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;

/** The Runs panel's controller: binds the tables and filters to {@link RunsViewModel}. */
public final class RunsView {
    private static final KeyCombination COPY = new KeyCodeCombination(KeyCode.C, KeyCombination.SHORTCUT_DOWN);

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
    private TableColumn<RunSummary, String> runStarted;

    @FXML
    private TableColumn<RunSummary, String> runFinished;

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
    private TableColumn<Event, String> eventTs;

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
        runStarted.setCellValueFactory(c ->
                new ReadOnlyObjectWrapper<>(UtcTime.toIso(c.getValue().run().startedAt())));
        runFinished.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(
                c.getValue().run().finishedAt() == null
                        ? ""
                        : UtcTime.toIso(c.getValue().run().finishedAt())));
        // The selected run's count is its page's (read with it), so the cell follows the page.
        runEvents.setCellValueFactory(c -> Bindings.createObjectBinding(
                () -> viewModel.eventCount(c.getValue()), viewModel.pageRunTotalProperty()));
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
        eventTs.setCellValueFactory(
                c -> new ReadOnlyObjectWrapper<>(UtcTime.toIso(c.getValue().ts())));
        eventSeq.setCellValueFactory(
                c -> new ReadOnlyObjectWrapper<>(c.getValue().seq()));
        eventLevel.setCellValueFactory(
                c -> new ReadOnlyObjectWrapper<>(c.getValue().level().label()));
        eventKind.setCellValueFactory(
                c -> new ReadOnlyObjectWrapper<>(c.getValue().kind()));
        eventMessage.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue()));
        eventMessage.setCellFactory(column -> new MessageCell());
        eventsTable.setItems(viewModel.visibleEvents());
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
        eventDetail.textProperty().bind(viewModel.eventDetailProperty());
        payloadArea.textProperty().bind(viewModel.payloadProperty());
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
