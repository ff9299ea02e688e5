package dev.runstore.desktop.sql;

import dev.runstore.core.query.ExportFormat;
import dev.runstore.core.query.QueryPlan;
import dev.runstore.desktop.grid.ResultGrid;
import java.io.File;
import java.util.List;
import javafx.collections.ListChangeListener;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TreeCell;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;

/** The SQL panel's controller: editor, Run/Cancel, Explain, history, grid, plan tree and export. */
public final class SqlView {
    private static final KeyCombination RUN = new KeyCodeCombination(KeyCode.ENTER, KeyCombination.SHORTCUT_DOWN);

    @FXML
    private VBox sqlPanel;

    @FXML
    private Button sqlRun;

    @FXML
    private Button sqlExplain;

    @FXML
    private MenuButton sqlExport;

    @FXML
    private MenuItem sqlExportCsv;

    @FXML
    private MenuItem sqlExportJsonLines;

    @FXML
    private ComboBox<String> sqlHistory;

    @FXML
    private TextArea sqlEditor;

    @FXML
    private TableView<List<Object>> sqlGrid;

    @FXML
    private VBox sqlPlanPane;

    @FXML
    private Button sqlClosePlan;

    @FXML
    private TreeView<QueryPlan.Node> sqlPlan;

    @FXML
    private TextArea sqlCell;

    @FXML
    private Button sqlPrevious;

    @FXML
    private Button sqlNext;

    @FXML
    private Label sqlPosition;

    @FXML
    private Label sqlElapsed;

    @FXML
    private Label sqlStatus;

    private SqlViewModel viewModel;

    public void bind(SqlViewModel viewModel) {
        this.viewModel = viewModel;
        sqlEditor.textProperty().bindBidirectional(viewModel.sqlProperty());
        // Ctrl+Enter runs from the editor; Escape cancels from anywhere in the panel.
        sqlEditor.addEventFilter(KeyEvent.KEY_PRESSED, key -> {
            if (RUN.match(key)) {
                key.consume();
                if (!viewModel.runningProperty().get()) {
                    viewModel.run();
                }
            }
        });
        sqlPanel.addEventFilter(KeyEvent.KEY_PRESSED, key -> {
            if (key.getCode() == KeyCode.ESCAPE
                    && (viewModel.runningProperty().get()
                            || viewModel.countingProperty().get())) {
                key.consume();
                viewModel.cancel();
            }
        });

        // While a statement runs, Run is Cancel.
        sqlRun.textProperty()
                .bind(javafx.beans.binding.Bindings.when(viewModel.runningProperty())
                        .then("Cancel")
                        .otherwise("Run"));
        viewModel.runningProperty().addListener((o, was, now) -> {
            sqlRun.getStyleClass().removeAll("danger", "accent");
            sqlRun.getStyleClass().add(now ? "danger" : "accent");
        });
        sqlRun.getStyleClass().add("accent");
        sqlRun.setOnAction(e -> {
            if (viewModel.runningProperty().get()) {
                viewModel.cancel();
            } else {
                viewModel.run();
            }
        });
        sqlExplain.disableProperty().bind(viewModel.runningProperty());
        sqlExplain.setOnAction(e -> viewModel.explain());
        sqlExport
                .disableProperty()
                .bind(viewModel
                        .runningProperty()
                        .or(viewModel.hasResultProperty().not()));
        sqlExportCsv.setOnAction(e -> export(ExportFormat.CSV, "CSV", "*.csv", "query.csv"));
        sqlExportJsonLines.setOnAction(e -> export(ExportFormat.JSON_LINES, "JSON Lines", "*.jsonl", "query.jsonl"));

        sqlHistory.setItems(viewModel.history());
        sqlHistory.setCellFactory(list -> historyCell(null));
        sqlHistory.setButtonCell(historyCell(sqlHistory.getPromptText()));
        sqlHistory.setOnAction(e -> {
            String picked = sqlHistory.getValue();
            if (picked != null) {
                viewModel.pick(picked);
                // Back to the prompt, so picking the same statement again fires again.
                javafx.application.Platform.runLater(
                        () -> sqlHistory.getSelectionModel().clearSelection());
                sqlEditor.requestFocus();
            }
        });

        ResultGrid.install(
                sqlGrid,
                selected -> viewModel.selectCell(selected == null ? null : selected.value(), selected != null));
        sqlGrid.setPlaceholder(new Label("Type a statement and press Ctrl+Enter"));
        viewModel.columns().addListener((ListChangeListener<String>) change -> showGrid());
        showGrid();
        sqlCell.textProperty().bind(viewModel.cellProperty());

        sqlPlanPane.visibleProperty().bind(viewModel.planProperty().isNotNull());
        sqlPlanPane.managedProperty().bind(sqlPlanPane.visibleProperty());
        sqlPlan.setCellFactory(tree -> planCell());
        viewModel.planProperty().addListener((o, was, now) -> showPlan(now));
        sqlClosePlan.setOnAction(e -> viewModel.closePlan());

        sqlPrevious.disableProperty().bind(viewModel.hasBeforeProperty().not().or(viewModel.runningProperty()));
        sqlNext.disableProperty().bind(viewModel.hasAfterProperty().not().or(viewModel.runningProperty()));
        sqlPrevious.setOnAction(e -> viewModel.previous());
        sqlNext.setOnAction(e -> viewModel.next());
        sqlPosition.textProperty().bind(viewModel.positionProperty());
        sqlElapsed.textProperty().bind(viewModel.elapsedProperty());
        sqlStatus.textProperty().bind(viewModel.statusProperty());
        viewModel.failedProperty().addListener((o, was, now) -> {
            if (now) {
                sqlStatus.getStyleClass().add("failed");
            } else {
                sqlStatus.getStyleClass().remove("failed");
            }
        });
    }

    /** The rows in the statement's order: a header click does not sort them (ORDER BY does). */
    private void showGrid() {
        ResultGrid.show(sqlGrid, List.copyOf(viewModel.columns()), viewModel.rows());
        sqlGrid.getColumns().forEach(column -> column.setSortable(false));
    }

    private void export(ExportFormat format, String name, String pattern, String suggested) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Export all rows as " + name);
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(name, pattern));
        chooser.setInitialFileName(suggested);
        File file = chooser.showSaveDialog(sqlPanel.getScene().getWindow());
        if (file != null) {
            viewModel.export(format, file.toPath());
        }
    }

    private void showPlan(QueryPlan plan) {
        if (plan == null) {
            sqlPlan.setRoot(null);
            return;
        }
        TreeItem<QueryPlan.Node> top = new TreeItem<>();
        plan.roots().forEach(node -> top.getChildren().add(item(node)));
        top.setExpanded(true);
        sqlPlan.setRoot(top);
    }

    private static TreeItem<QueryPlan.Node> item(QueryPlan.Node node) {
        TreeItem<QueryPlan.Node> item = new TreeItem<>(node);
        node.children().forEach(child -> item.getChildren().add(item(child)));
        item.setExpanded(true);
        return item;
    }

    private static TreeCell<QueryPlan.Node> planCell() {
        return new TreeCell<>() {
            @Override
            protected void updateItem(QueryPlan.Node node, boolean empty) {
                super.updateItem(node, empty);
                getStyleClass().removeAll("index-used", "full-scan");
                if (empty || node == null) {
                    setText(null);
                    setTooltip(null);
                    return;
                }
                setText(node.detail());
                setTooltip(new javafx.scene.control.Tooltip(node.detail()));
                if (node.usesIndex()) {
                    getStyleClass().add("index-used");
                } else if (node.scan()) {
                    getStyleClass().add("full-scan");
                }
            }
        };
    }

    /** A statement in one line; {@code prompt} for none (the button cell keeps the combo's prompt). */
    private static ListCell<String> historyCell(String prompt) {
        return new ListCell<>() {
            @Override
            protected void updateItem(String statement, boolean empty) {
                super.updateItem(statement, empty);
                if (empty || statement == null) {
                    setText(prompt);
                    return;
                }
                String oneLine = statement.replaceAll("\\s+", " ");
                setText(oneLine.length() > 90 ? oneLine.substring(0, 89) + "…" : oneLine);
            }
        };
    }
}
