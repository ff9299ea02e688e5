package dev.runstore.desktop.checks;

import dev.runstore.core.admin.CheckResult;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;

/** The Checks panel's controller. */
public final class ChecksView {
    @FXML
    private Label checksSummary;

    @FXML
    private TableView<CheckResult> checksTable;

    @FXML
    private TableColumn<CheckResult, Boolean> result;

    @FXML
    private TableColumn<CheckResult, String> name;

    @FXML
    private TableColumn<CheckResult, String> detail;

    @FXML
    private Button runChecks;

    public void bind(ChecksViewModel viewModel) {
        runChecks.setOnAction(e -> viewModel.runChecks());
        runChecks.disableProperty().bind(viewModel.loadingProperty());
        checksTable.setPlaceholder(new Label("The checks run when this tab is first shown, and on Run checks."));
        checksSummary.textProperty().bind(viewModel.summaryProperty());
        viewModel
                .okProperty()
                .addListener((o, was, ok) -> checksSummary.getStyleClass().setAll(ok ? "section-title" : "failed"));
        checksTable.setItems(viewModel.checks());
        result.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().passed()));
        result.setCellFactory(column -> new TableCell<>() {
            @Override
            protected void updateItem(Boolean passed, boolean empty) {
                super.updateItem(passed, empty);
                getStyleClass().removeAll("passed", "failed");
                if (empty || passed == null) {
                    setText(null);
                } else {
                    setText(passed ? "✓ pass" : "✗ FAIL");
                    getStyleClass().add(passed ? "passed" : "failed");
                }
            }
        });
        name.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().name()));
        detail.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().detail()));
    }
}
