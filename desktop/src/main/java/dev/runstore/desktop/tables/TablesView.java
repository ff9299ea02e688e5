package dev.runstore.desktop.tables;

import dev.runstore.desktop.format.Counts;
import dev.runstore.desktop.format.Sizes;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.fxml.FXML;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;

/** The Tables panel's controller. */
public final class TablesView {
    @FXML
    private TableView<TableRow> tablesTable;

    @FXML
    private TableColumn<TableRow, String> name;

    @FXML
    private TableColumn<TableRow, Long> rows;

    @FXML
    private TableColumn<TableRow, String> size;

    @FXML
    private Label sizeNote;

    public void bind(TablesViewModel viewModel) {
        tablesTable.setItems(viewModel.tables());
        tablesTable.setPlaceholder(new Label("This database has no tables yet."));
        name.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().name()));
        rows.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().rows()));
        rows.setCellFactory(column -> new javafx.scene.control.TableCell<>() {
            @Override
            protected void updateItem(Long count, boolean empty) {
                super.updateItem(count, empty);
                setText(empty || count == null ? null : Counts.of(count));
            }
        });
        size.setCellValueFactory(
                c -> new ReadOnlyObjectWrapper<>(Sizes.of(c.getValue().bytes())));
        size.visibleProperty().bind(viewModel.sizesKnownProperty());
        sizeNote.textProperty()
                .bind(Bindings.when(viewModel.sizesKnownProperty())
                        .then("Sizes count each table's own pages (from SQLite's dbstat); its indexes are separate.")
                        .otherwise("This SQLite build has no dbstat, so table sizes are not shown."));
    }
}
