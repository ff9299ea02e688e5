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
    private VBox root;

    @FXML
    private Button runButton;

    @FXML
    private Button explainButton;

    @FXML
    private MenuButton exportMenu;

    @FXML
    private MenuItem exportCsv;

    @FXML
    private MenuItem exportJsonLines;

    @FXML
    private ComboBox<String> historyBox;

    @FXML
    private TextArea editor;

    @FXML
    private TableView<List<Object>> grid;

    @FXML
    private VBox planPane;

    @FXML
    private Button closePlan;

    @FXML
    private TreeView<QueryPlan.Node> planTree;

    @FXML
    private TextArea cellViewer;

    @FXML
    private Button previousButton;

    @FXML
    private Button nextButton;

    @FXML
    private Label positionLabel;

    @FXML
    private Label elapsedLabel;

    @FXML
    private Label statusLabel;

    private SqlViewModel viewModel;

    public void bind(SqlViewModel viewModel) {
        this.viewModel = viewModel;
        editor.textProperty().bindBidirectional(viewModel.sqlProperty());
        // Ctrl+Enter runs from the editor; Escape cancels from anywhere in the panel.
        editor.addEventFilter(KeyEvent.KEY_PRESSED, key -> {
            if (RUN.match(key)) {
                key.consume();
                if (!viewModel.runningProperty().get()) {
                    viewModel.run();
                }
            }
        });
        root.addEventFilter(KeyEvent.KEY_PRESSED, key -> {
            if (key.getCode() == KeyCode.ESCAPE
                    && (viewModel.runningProperty().get()
                            || viewModel.countingProperty().get())) {
                key.consume();
                viewModel.cancel();
            }
        });

        // While a statement runs, Run is Cancel.
        runButton
                .textProperty()
                .bind(javafx.beans.binding.Bindings.when(viewModel.runningProperty())
                        .then("Cancel")
                        .otherwise("Run"));
        viewModel.runningProperty().addListener((o, was, now) -> {
            runButton.getStyleClass().removeAll("danger", "accent");
            runButton.getStyleClass().add(now ? "danger" : "accent");
        });
        runButton.getStyleClass().add("accent");
        runButton.setOnAction(e -> {
            if (viewModel.runningProperty().get()) {
                viewModel.cancel();
            } else {
                viewModel.run();
            }
        });
        explainButton.disableProperty().bind(viewModel.runningProperty());
        explainButton.setOnAction(e -> viewModel.explain());
        exportMenu
                .disableProperty()
                .bind(viewModel
                        .runningProperty()
                        .or(viewModel.hasResultProperty().not()));
        exportCsv.setOnAction(e -> export(ExportFormat.CSV, "CSV", "*.csv", "query.csv"));
        exportJsonLines.setOnAction(e -> export(ExportFormat.JSON_LINES, "JSON Lines", "*.jsonl", "query.jsonl"));

        historyBox.setItems(viewModel.history());
        historyBox.setCellFactory(list -> historyCell(null));
        historyBox.setButtonCell(historyCell(historyBox.getPromptText()));
        historyBox.setOnAction(e -> {
            String picked = historyBox.getValue();
            if (picked != null) {
                viewModel.pick(picked);
                // Back to the prompt, so picking the same statement again fires again.
                javafx.application.Platform.runLater(
                        () -> historyBox.getSelectionModel().clearSelection());
                editor.requestFocus();
            }
        });

        ResultGrid.install(
                grid, selected -> viewModel.selectCell(selected == null ? null : selected.value(), selected != null));
        grid.setPlaceholder(new Label("Type a statement and press Ctrl+Enter"));
        grid.setSortPolicy(table -> false); // the rows are in the statement's order: sort with ORDER BY
        viewModel.columns().addListener((ListChangeListener<String>)
                change -> ResultGrid.show(grid, List.copyOf(viewModel.columns()), viewModel.rows()));
        ResultGrid.show(grid, List.copyOf(viewModel.columns()), viewModel.rows());
        cellViewer.textProperty().bind(viewModel.cellProperty());

        planPane.visibleProperty().bind(viewModel.planProperty().isNotNull());
        planPane.managedProperty().bind(planPane.visibleProperty());
        planTree.setCellFactory(tree -> planCell());
        viewModel.planProperty().addListener((o, was, now) -> showPlan(now));
        closePlan.setOnAction(e -> viewModel.closePlan());

        previousButton
                .disableProperty()
                .bind(viewModel.hasBeforeProperty().not().or(viewModel.runningProperty()));
        nextButton.disableProperty().bind(viewModel.hasAfterProperty().not().or(viewModel.runningProperty()));
        previousButton.setOnAction(e -> viewModel.previous());
        nextButton.setOnAction(e -> viewModel.next());
        positionLabel.textProperty().bind(viewModel.positionProperty());
        elapsedLabel.textProperty().bind(viewModel.elapsedProperty());
        statusLabel.textProperty().bind(viewModel.statusProperty());
        viewModel.failedProperty().addListener((o, was, now) -> {
            if (now) {
                statusLabel.getStyleClass().add("failed");
            } else {
                statusLabel.getStyleClass().remove("failed");
            }
        });
    }

    private void export(ExportFormat format, String name, String pattern, String suggested) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Export all rows as " + name);
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(name, pattern));
        chooser.setInitialFileName(suggested);
        File file = chooser.showSaveDialog(root.getScene().getWindow());
        if (file != null) {
            viewModel.export(format, file.toPath());
        }
    }

    private void showPlan(QueryPlan plan) {
        if (plan == null) {
            planTree.setRoot(null);
            return;
        }
        TreeItem<QueryPlan.Node> top = new TreeItem<>();
        plan.roots().forEach(node -> top.getChildren().add(item(node)));
        top.setExpanded(true);
        planTree.setRoot(top);
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
                    return;
                }
                setText(node.detail());
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
