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
    private Label file;

    @FXML
    private Label storage;

    @FXML
    private Label engine;

    @FXML
    private Label migrations;

    @FXML
    private Label checks;

    @FXML
    private Label activity;

    @FXML
    private Label runs;

    @FXML
    private Label counted;

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
    private Button runChecks;

    @FXML
    private TableView<OverviewViewModel.TableCount> tablesTable;

    @FXML
    private TableColumn<OverviewViewModel.TableCount, String> tableName;

    @FXML
    private TableColumn<OverviewViewModel.TableCount, String> tableRows;

    public void bind(OverviewViewModel viewModel, Navigation navigation) {
        file.textProperty().bind(viewModel.fileProperty());
        storage.textProperty().bind(viewModel.storageProperty());
        engine.textProperty().bind(viewModel.engineProperty());
        migrations.textProperty().bind(viewModel.migrationsProperty());
        checks.textProperty().bind(viewModel.checksProperty());
        activity.textProperty().bind(viewModel.activityProperty());
        runs.textProperty().bind(viewModel.runsProperty());
        counted.textProperty().bind(viewModel.countedProperty());
        flag(migrations, viewModel.migrationsOkProperty().get());
        viewModel.migrationsOkProperty().addListener((o, was, ok) -> flag(migrations, ok));
        viewModel.checksOkProperty().addListener((o, was, ok) -> flag(checks, ok));

        migrationsLink.setOnAction(e -> navigation.show(Navigation.Target.MIGRATIONS));
        checksLink.setOnAction(e -> navigation.show(Navigation.Target.CHECKS));
        runsLink.setOnAction(e -> navigation.show(Navigation.Target.RUNS));
        structureLink.setOnAction(e -> navigation.show(Navigation.Target.STRUCTURE));
        recount.setOnAction(e -> viewModel.recount());
        runChecks.setOnAction(e -> viewModel.runChecks());

        tablesTable.setItems(viewModel.tables());
        tablesTable.setPlaceholder(new Label("This database has no tables yet."));
        tableName.setCellValueFactory(
                c -> new ReadOnlyStringWrapper(c.getValue().table()));
        tableRows.setCellValueFactory(c -> new ReadOnlyStringWrapper(
                String.format(Locale.ROOT, "%,d", c.getValue().rows())));
        tablesTable.setRowFactory(table -> {
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
