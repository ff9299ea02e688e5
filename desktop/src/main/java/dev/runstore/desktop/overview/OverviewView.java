package dev.runstore.desktop.overview;

import atlantafx.base.theme.Styles;
import dev.runstore.core.stats.ChartRange;
import dev.runstore.desktop.chart.RateChart;
import dev.runstore.desktop.chart.RunsTimeline;
import dev.runstore.desktop.panel.Navigation;
import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.HBox;

/** The Overview panel's controller: binds labels, links and charts; no logic of its own. */
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

    @FXML
    private RateChart rateChart;

    @FXML
    private Label ratesHint;

    @FXML
    private HBox rangeButtons;

    @FXML
    private RunsTimeline runsTimeline;

    public void bind(OverviewViewModel viewModel, Navigation navigation) {
        bindCharts(viewModel, navigation);
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

    private void bindCharts(OverviewViewModel viewModel, Navigation navigation) {
        rateChart.bind(viewModel.rates());
        ToggleGroup ranges = new ToggleGroup();
        ChartRange[] all = ChartRange.values();
        for (int i = 0; i < all.length; i++) {
            ChartRange range = all[i];
            ToggleButton button = new ToggleButton(range.label());
            button.setId("range-" + range.name().toLowerCase(Locale.ROOT));
            button.setUserData(range);
            button.setToggleGroup(ranges);
            button.getStyleClass()
                    .add(i == 0 ? Styles.LEFT_PILL : i == all.length - 1 ? Styles.RIGHT_PILL : Styles.CENTER_PILL);
            button.setSelected(range == viewModel.rangeProperty().get());
            rangeButtons.getChildren().add(button);
        }
        ranges.selectedToggleProperty().addListener((o, was, now) -> {
            if (now == null) {
                was.setSelected(true); // a range is always chosen
            } else {
                viewModel.rangeProperty().set((ChartRange) now.getUserData());
            }
        });
        viewModel
                .rangeProperty()
                .addListener((o, was, now) -> ranges.getToggles().stream()
                        .filter(t -> t.getUserData() == now)
                        .findFirst()
                        .ifPresent(t -> t.setSelected(true)));
        ratesHint
                .textProperty()
                .bind(Bindings.createStringBinding(
                        () -> "per "
                                + viewModel.rates().byProperty().get().name().toLowerCase(Locale.ROOT)
                                + " by level; hover a bar for its counts, click it to browse them",
                        viewModel.rates().byProperty()));
        runsTimeline.setOnRunClicked(navigation::showRun);
        viewModel.timelineProperty().addListener((o, was, now) -> runsTimeline.setRuns(now.runs(), now.now()));
        runsTimeline.setRuns(
                viewModel.timelineProperty().get().runs(),
                viewModel.timelineProperty().get().now());
    }

    private static void flag(Label label, boolean ok) {
        label.getStyleClass().removeAll("failed", "passed");
        label.getStyleClass().add(ok ? "passed" : "failed");
    }
}
