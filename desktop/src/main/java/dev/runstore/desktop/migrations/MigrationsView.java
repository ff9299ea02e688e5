package dev.runstore.desktop.migrations;

import dev.runstore.core.migrate.AppliedMigration;
import dev.runstore.core.migrate.PendingMigration;
import dev.runstore.desktop.format.Times;
import dev.runstore.desktop.panel.Panel;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.fxml.FXML;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;

/** The Migrations panel's controller. */
public final class MigrationsView {
    @FXML
    private Label current;

    @FXML
    private Label latest;

    @FXML
    private Label environment;

    @FXML
    private Label migrationState;

    @FXML
    private ListView<String> problems;

    @FXML
    private ListView<PendingMigration> pending;

    @FXML
    private TableView<AppliedMigration> history;

    @FXML
    private TableColumn<AppliedMigration, String> version;

    @FXML
    private TableColumn<AppliedMigration, String> description;

    @FXML
    private TableColumn<AppliedMigration, String> installedOn;

    @FXML
    private TableColumn<AppliedMigration, String> success;

    public void bind(MigrationsViewModel viewModel) {
        current.textProperty().bind(viewModel.currentProperty());
        latest.textProperty().bind(viewModel.latestProperty());
        environment.textProperty().bind(viewModel.environmentProperty());
        migrationState.textProperty().bind(viewModel.summaryProperty());
        viewModel
                .healthyProperty()
                .addListener((o, was, ok) -> migrationState.getStyleClass().setAll(ok ? "value" : "failed"));
        problems.setItems(viewModel.problems());
        problems.setPlaceholder(new Label("No problems."));
        pending.setItems(viewModel.pending());
        pending.setPlaceholder(new Label("Nothing pending."));
        pending.setCellFactory(list -> new ListCell<>() {
            @Override
            protected void updateItem(PendingMigration item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : "V" + item.version() + " — " + item.description());
            }
        });
        history.setItems(viewModel.history());
        history.placeholderProperty()
                .bind(Bindings.createObjectBinding(
                        () -> new Label(
                                viewModel.notRunstoreProperty().get()
                                        ? Panel.NOT_RUNSTORE
                                        : "No migration applied yet: run `runstore migrate`."),
                        viewModel.notRunstoreProperty()));
        version.setCellValueFactory(
                c -> new ReadOnlyObjectWrapper<>(c.getValue().version()));
        description.setCellValueFactory(
                c -> new ReadOnlyObjectWrapper<>(c.getValue().description()));
        installedOn.setCellValueFactory(
                c -> new ReadOnlyObjectWrapper<>(Times.compact(c.getValue().installedOn())));
        success.setCellValueFactory(
                c -> new ReadOnlyObjectWrapper<>(c.getValue().success() ? "yes" : "FAILED"));
    }
}
