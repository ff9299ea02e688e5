package dev.runstore.desktop.overview;

import dev.runstore.desktop.panel.Navigation;
import java.util.Locale;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;

/** The Overview panel's controller: binds labels and links; no logic of its own. */
public final class OverviewView {
    @FXML
    private Label overviewFile;

    @FXML
    private Label overviewStorage;

    @FXML
    private Label overviewEngine;

    @FXML
    private Label overviewMigrations;

    @FXML
    private Label overviewChecks;

    @FXML
    private Label overviewActivity;

    @FXML
    private Label overviewRuns;

    @FXML
    private Label overviewCounted;

    @FXML
    private Hyperlink migrationsLink;

    @FXML
    private Hyperlink checksLink;

    @FXML
    private Hyperlink runsLink;

    @FXML
    private Hyperlink recount;

    @FXML
    private Hyperlink structureLink;

    @FXML
    private Button overviewRunChecks;

    @FXML
    private TableView<OverviewViewModel.TableCount> overviewTables;

    @FXML
    private TableColumn<OverviewViewModel.TableCount, String> overviewTableName;

    @FXML
    private TableColumn<OverviewViewModel.TableCount, String> overviewTableRows;

    public void bind(OverviewViewModel viewModel, Navigation navigation) {
        overviewFile.textProperty().bind(viewModel.fileProperty());
        overviewStorage.textProperty().bind(viewModel.storageProperty());
        overviewEngine.textProperty().bind(viewModel.engineProperty());
        overviewMigrations.textProperty().bind(viewModel.migrationsProperty());
        overviewChecks.textProperty().bind(viewModel.checksProperty());
        overviewActivity.textProperty().bind(viewModel.activityProperty());
        overviewRuns.textProperty().bind(viewModel.runsProperty());
        overviewCounted.textProperty().bind(viewModel.countedProperty());
        flag(overviewMigrations, viewModel.migrationsOkProperty().get());
        flag(overviewChecks, viewModel.checksOkProperty().get());
        viewModel.migrationsOkProperty().addListener((o, was, ok) -> flag(overviewMigrations, ok));
        viewModel.checksOkProperty().addListener((o, was, ok) -> flag(overviewChecks, ok));

        migrationsLink.setOnAction(e -> navigation.show(Navigation.Target.MIGRATIONS));
        checksLink.setOnAction(e -> navigation.show(Navigation.Target.CHECKS));
        runsLink.setOnAction(e -> navigation.show(Navigation.Target.RUNS));
        structureLink.setOnAction(e -> navigation.show(Navigation.Target.STRUCTURE));
        recount.setOnAction(e -> viewModel.recount());
        overviewRunChecks.setOnAction(e -> viewModel.runChecks());

        overviewTables.setItems(viewModel.tables());
        overviewTables.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        overviewTables.setPlaceholder(new Label("This database has no tables yet."));
        overviewTableName.setCellValueFactory(
                c -> new ReadOnlyStringWrapper(c.getValue().table()));
        overviewTableRows.setCellValueFactory(c -> new ReadOnlyStringWrapper(
                String.format(Locale.ROOT, "%,d", c.getValue().rows())));
        overviewTables.setRowFactory(table -> {
            TableRow<OverviewViewModel.TableCount> row = new TableRow<>();
            row.setOnMouseClicked(click -> {
                if (click.getClickCount() == 2 && !row.isEmpty()) {
                    navigation.browse(row.getItem().table());
                }
            });
            return row;
        });
    }

    private static void flag(Label label, boolean ok) {
        label.getStyleClass().removeAll("failed", "passed");
        label.getStyleClass().add(ok ? "passed" : "failed");
    }
}
