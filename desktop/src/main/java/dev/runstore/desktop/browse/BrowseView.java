package dev.runstore.desktop.browse;

import dev.runstore.core.query.ExportFormat;
import dev.runstore.core.query.Facet;
import dev.runstore.core.query.Filter;
import dev.runstore.desktop.grid.CellDetail;
import dev.runstore.desktop.grid.ResultGrid;
import java.io.File;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javafx.collections.ListChangeListener;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;

/** The Browse panel's controller: binds the grid, pager, filters, facets and viewer to the view model. */
public final class BrowseView {
    @FXML
    private ListView<String> tableList;

    @FXML
    private ComboBox<String> filterColumn;

    @FXML
    private ComboBox<Filter.Op> filterOp;

    @FXML
    private TextField filterValue;

    @FXML
    private Button addFilter;

    @FXML
    private Button facetButton;

    @FXML
    private MenuItem exportCsv;

    @FXML
    private MenuItem exportJsonLines;

    @FXML
    private FlowPane filterChips;

    @FXML
    private TableView<List<Object>> browseGrid;

    @FXML
    private VBox facetPane;

    @FXML
    private Label facetTitle;

    @FXML
    private Button closeFacet;

    @FXML
    private ListView<Facet.Value> facetList;

    @FXML
    private Label facetNote;

    @FXML
    private Hyperlink followLink;

    @FXML
    private TextArea cellViewer;

    @FXML
    private Button firstButton;

    @FXML
    private Button previousButton;

    @FXML
    private Button nextButton;

    @FXML
    private Button lastButton;

    @FXML
    private Label positionLabel;

    @FXML
    private Label noteLabel;

    @FXML
    private Label exportedLabel;

    private BrowseViewModel viewModel;

    public void bind(BrowseViewModel viewModel) {
        this.viewModel = viewModel;
        tableList.setItems(viewModel.tables());
        tableList.setPlaceholder(new Label("No tables"));
        tableList.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> {
            if (now != null) {
                viewModel.tableProperty().set(now);
            }
        });
        viewModel.tableProperty().addListener((o, was, now) -> {
            if (now != null && !now.equals(tableList.getSelectionModel().getSelectedItem())) {
                tableList.getSelectionModel().select(now);
            }
        });

        filterColumn.setItems(viewModel.columns());
        filterOp.getItems().setAll(Filter.Op.values());
        filterOp.getSelectionModel().select(Filter.Op.EQUALS);
        filterOp.setButtonCell(opCell());
        filterOp.setCellFactory(list -> opCell());
        filterValue
                .disableProperty()
                .bind(javafx.beans.binding.Bindings.createBooleanBinding(
                        () -> filterOp.getValue() != null
                                && !filterOp.getValue().takesValue(),
                        filterOp.valueProperty()));
        addFilter.disableProperty().bind(filterColumn.valueProperty().isNull());
        addFilter.setOnAction(e -> applyFilter());
        filterValue.setOnAction(e -> applyFilter());
        facetButton.disableProperty().bind(filterColumn.valueProperty().isNull());
        facetButton.setOnAction(e -> viewModel.facet(filterColumn.getValue()));
        viewModel.filters().addListener((ListChangeListener<Filter>) change -> showChips());

        ResultGrid.install(browseGrid, selected -> {
            if (selected == null) {
                viewModel.selectCell(null, null);
            } else {
                viewModel.selectCell(selected.columnName(), selected.value());
                filterColumn.setValue(selected.columnName());
            }
        });
        browseGrid.setPlaceholder(new Label("No rows"));
        // Sorting is the database's: a header click asks for a new first page, in that order.
        browseGrid.setSortPolicy(table -> {
            if (table.getSortOrder().isEmpty()) {
                viewModel.sortBy(null, false);
            } else {
                TableColumn<List<Object>, ?> column = table.getSortOrder().get(0);
                viewModel.sortBy(
                        (String) column.getUserData(), column.getSortType() == TableColumn.SortType.DESCENDING);
            }
            return true;
        });
        viewModel.columns().addListener((ListChangeListener<String>)
                change -> ResultGrid.show(browseGrid, List.copyOf(viewModel.columns()), viewModel.rows()));
        ResultGrid.show(browseGrid, List.copyOf(viewModel.columns()), viewModel.rows());

        facetPane.visibleProperty().bind(viewModel.facetProperty().isNotNull());
        facetPane.managedProperty().bind(facetPane.visibleProperty());
        viewModel.facetProperty().addListener((o, was, facet) -> showFacet(facet));
        closeFacet.setOnAction(e -> showFacet(null));
        facetList.setCellFactory(list -> new ListCell<>() {
            @Override
            protected void updateItem(Facet.Value item, boolean empty) {
                super.updateItem(item, empty);
                setText(
                        empty || item == null
                                ? null
                                : CellDetail.oneLine(item.value()) + "  ("
                                        + String.format(Locale.ROOT, "%,d", item.count()) + ")");
            }
        });
        facetList.setOnMouseClicked(click -> {
            Facet.Value value = facetList.getSelectionModel().getSelectedItem();
            if (value != null && click.getClickCount() == 2) {
                viewModel.applyFacet(value);
            }
        });

        cellViewer.textProperty().bind(viewModel.cellProperty());
        followLink.textProperty().bind(viewModel.followLabelProperty());
        followLink.visibleProperty().bind(viewModel.followLabelProperty().isNotEmpty());
        followLink.setOnAction(e -> viewModel.follow());

        firstButton.setOnAction(e -> viewModel.first());
        previousButton.setOnAction(e -> viewModel.previous());
        nextButton.setOnAction(e -> viewModel.next());
        lastButton.setOnAction(e -> viewModel.last());
        firstButton.disableProperty().bind(viewModel.hasBeforeProperty().not());
        previousButton.disableProperty().bind(viewModel.hasBeforeProperty().not());
        nextButton.disableProperty().bind(viewModel.hasAfterProperty().not());
        lastButton.disableProperty().bind(viewModel.hasAfterProperty().not());
        positionLabel.textProperty().bind(viewModel.positionProperty());
        noteLabel.textProperty().bind(viewModel.noteProperty());
        exportedLabel.textProperty().bind(viewModel.exportedProperty());
        exportCsv.setOnAction(e -> export(ExportFormat.CSV, "csv"));
        exportJsonLines.setOnAction(e -> export(ExportFormat.JSON_LINES, "jsonl"));
    }

    private void applyFilter() {
        if (filterColumn.getValue() == null) {
            return;
        }
        Filter.Op op = Optional.ofNullable(filterOp.getValue()).orElse(Filter.Op.EQUALS);
        viewModel.addFilter(new Filter(filterColumn.getValue(), op, op.takesValue() ? filterValue.getText() : null));
        filterValue.clear();
    }

    private void showChips() {
        filterChips.getChildren().clear();
        for (Filter filter : viewModel.filters()) {
            Button chip = new Button(filter.column() + " " + filter.op().label()
                    + (filter.op().takesValue() ? " " + CellDetail.oneLine(filter.value()) : "") + "  ✕");
            chip.getStyleClass().add("small");
            chip.setOnAction(e -> viewModel.removeFilter(filter));
            filterChips.getChildren().add(chip);
        }
    }

    private void showFacet(Facet facet) {
        if (facet == null) {
            facetList.getItems().clear();
            facetPane.setVisible(false);
            return;
        }
        facetPane.setVisible(true);
        facetTitle.setText(facet.column());
        facetList.getItems().setAll(facet.values());
        facetNote.setText((facet.complete()
                        ? String.format(Locale.ROOT, "All %,d matching rows", facet.scanned())
                        : String.format(Locale.ROOT, "The first %,d matching rows (a sample)", facet.scanned()))
                + ". Double-click a value to filter by it.");
    }

    private void export(ExportFormat format, String extension) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Export all matching rows");
        chooser.setInitialFileName(viewModel.tableProperty().get() + "." + extension);
        File file = chooser.showSaveDialog(browseGrid.getScene().getWindow());
        if (file != null) {
            viewModel.export(format, file.toPath());
        }
    }

    private static ListCell<Filter.Op> opCell() {
        return new ListCell<>() {
            @Override
            protected void updateItem(Filter.Op item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : item.label());
            }
        };
    }
}
