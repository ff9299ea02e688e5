package dev.runstore.desktop.structure;

import dev.runstore.core.catalog.Column;
import dev.runstore.core.catalog.IndexInfo;
import dev.runstore.core.catalog.SchemaObject;
import dev.runstore.desktop.panel.Navigation;
import java.util.List;
import java.util.Map;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ListChangeListener;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TreeCell;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;

/** The Structure panel's controller: the object tree by type and the selected object's details. */
public final class StructureView {
    private static final Map<String, String> GROUPS =
            Map.of("table", "Tables", "view", "Views", "index", "Indexes", "trigger", "Triggers");

    @FXML
    private TreeView<Object> objectTree;

    @FXML
    private Label objectTitle;

    @FXML
    private Label objectSummary;

    @FXML
    private Button browseButton;

    @FXML
    private TableView<Column> columnsTable;

    @FXML
    private TableColumn<Column, String> columnName;

    @FXML
    private TableColumn<Column, String> columnType;

    @FXML
    private TableColumn<Column, String> columnNotNull;

    @FXML
    private TableColumn<Column, String> columnDefault;

    @FXML
    private TableColumn<Column, String> columnKey;

    @FXML
    private TableView<IndexInfo> indexesTable;

    @FXML
    private TableColumn<IndexInfo, String> indexName;

    @FXML
    private TableColumn<IndexInfo, String> indexColumns;

    @FXML
    private TableColumn<IndexInfo, String> indexKind;

    @FXML
    private ListView<String> foreignKeysList;

    @FXML
    private ListView<String> triggersList;

    @FXML
    private TextArea createSql;

    private StructureViewModel viewModel;

    public void bind(StructureViewModel viewModel, Navigation navigation) {
        this.viewModel = viewModel;
        objectTree.setRoot(new TreeItem<>("schema"));
        objectTree.setCellFactory(tree -> new TreeCell<>() {
            @Override
            protected void updateItem(Object item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : item instanceof SchemaObject o ? o.name() : item.toString());
            }
        });
        viewModel.objects().addListener((ListChangeListener<SchemaObject>) change -> fillTree());
        objectTree.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> {
            if (now != null && now.getValue() instanceof SchemaObject object) {
                viewModel.selectedProperty().set(object);
            }
        });
        viewModel.selectedProperty().addListener((o, was, now) -> selectInTree(now));

        objectTitle.textProperty().bind(viewModel.titleProperty());
        objectSummary.textProperty().bind(viewModel.summaryProperty());
        createSql.textProperty().bind(viewModel.sqlProperty());
        browseButton.visibleProperty().bind(viewModel.browsableProperty());
        browseButton.setOnAction(e -> {
            SchemaObject object = viewModel.selectedProperty().get();
            if (object != null) {
                navigation.browse(object.name());
            }
        });

        columnsTable.setItems(viewModel.columns());
        columnsTable.setPlaceholder(new Label("Select a table or view on the left."));
        columnName.setCellValueFactory(
                c -> new ReadOnlyStringWrapper(c.getValue().name()));
        columnType.setCellValueFactory(
                c -> new ReadOnlyStringWrapper(c.getValue().type()));
        columnNotNull.setCellValueFactory(
                c -> new ReadOnlyStringWrapper(c.getValue().notNull() ? "NOT NULL" : ""));
        columnDefault.setCellValueFactory(c -> new ReadOnlyStringWrapper(
                c.getValue().defaultValue() == null ? "" : c.getValue().defaultValue()));
        columnKey.setCellValueFactory(c -> new ReadOnlyStringWrapper(
                c.getValue().primaryKey() == 0 ? "" : "#" + c.getValue().primaryKey()));
        indexesTable.setItems(viewModel.indexes());
        indexesTable.setPlaceholder(new Label("No indexes"));
        indexName.setCellValueFactory(
                c -> new ReadOnlyStringWrapper(c.getValue().name()));
        indexColumns.setCellValueFactory(
                c -> new ReadOnlyStringWrapper(String.join(", ", c.getValue().columns())));
        indexKind.setCellValueFactory(c -> new ReadOnlyStringWrapper(kind(c.getValue())));
        foreignKeysList.setItems(viewModel.foreignKeys());
        foreignKeysList.setPlaceholder(new Label("None"));
        triggersList.setItems(viewModel.triggers());
        triggersList.setPlaceholder(new Label("None"));
    }

    private static String kind(IndexInfo index) {
        String origin = switch (index.origin()) {
            case "pk" -> "primary key";
            case "u" -> "UNIQUE constraint";
            default -> index.unique() ? "unique" : "index";
        };
        return origin + (index.partial() ? ", partial" : "");
    }

    private void fillTree() {
        TreeItem<Object> root = objectTree.getRoot();
        root.getChildren().clear();
        for (String type : List.of("table", "view", "index", "trigger")) {
            List<SchemaObject> ofType = viewModel.objects().stream()
                    .filter(o -> o.type().equals(type))
                    .toList();
            if (ofType.isEmpty()) {
                continue;
            }
            TreeItem<Object> group = new TreeItem<>(GROUPS.get(type) + " (" + ofType.size() + ")");
            group.setExpanded(!type.equals("index") && !type.equals("trigger"));
            ofType.forEach(o -> group.getChildren().add(new TreeItem<>(o)));
            root.getChildren().add(group);
        }
        selectInTree(viewModel.selectedProperty().get());
    }

    private void selectInTree(SchemaObject object) {
        if (object == null) {
            return;
        }
        for (TreeItem<Object> group : objectTree.getRoot().getChildren()) {
            for (TreeItem<Object> item : group.getChildren()) {
                if (object.equals(item.getValue())
                        && objectTree.getSelectionModel().getSelectedItem() != item) {
                    group.setExpanded(true);
                    objectTree.getSelectionModel().select(item);
                    return;
                }
            }
        }
    }
}
