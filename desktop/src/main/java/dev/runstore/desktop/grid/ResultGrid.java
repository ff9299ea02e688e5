package dev.runstore.desktop.grid;

import java.util.List;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ObservableList;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TablePosition;
import javafx.scene.control.TableView;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;

/**
 * Sets up a {@code TableView} of rows (lists of values) for the Browse and SQL panels: one column
 * per result column, cell selection, Ctrl+C copying the selected cell, a context menu to copy the
 * cell or the whole row. The view's own sorting is left to the caller (the database sorts).
 */
public final class ResultGrid {
    private static final KeyCombination COPY = new KeyCodeCombination(KeyCode.C, KeyCombination.SHORTCUT_DOWN);

    private ResultGrid() {}

    /** Wires {@code table} once: selection, copy, and {@code onCell} told the selected cell's value. */
    @SuppressWarnings("rawtypes") // focusedCellProperty is of a raw TablePosition in JavaFX's API
    public static void install(TableView<List<Object>> table, Consumer<Selected> onCell) {
        table.getSelectionModel().setCellSelectionEnabled(true);
        table.getSelectionModel().setSelectionMode(SelectionMode.SINGLE);
        table.getSelectionModel().selectedIndexProperty().addListener((o, was, now) -> onCell.accept(selected(table)));
        table.getFocusModel().focusedCellProperty().addListener((o, was, now) -> onCell.accept(selected(table)));
        table.setOnKeyPressed(key -> {
            if (COPY.match(key)) {
                Selected cell = selected(table);
                if (cell != null) {
                    copy(CellDetail.copyText(cell.value()));
                    key.consume();
                }
            }
        });
        MenuItem copyCell = new MenuItem("Copy cell");
        copyCell.setOnAction(e -> {
            Selected cell = selected(table);
            if (cell != null) {
                copy(CellDetail.copyText(cell.value()));
            }
        });
        MenuItem copyRow = new MenuItem("Copy row");
        copyRow.setOnAction(e -> {
            Selected cell = selected(table);
            if (cell != null) {
                copy(CellDetail.copyRow(cell.row()));
            }
        });
        table.setContextMenu(new ContextMenu(copyCell, copyRow));
    }

    /** Replaces the columns when they changed (another table or query), then the rows. */
    public static void show(TableView<List<Object>> table, List<String> columns, ObservableList<List<Object>> rows) {
        List<String> shown =
                table.getColumns().stream().map(c -> (String) c.getUserData()).toList();
        if (!shown.equals(columns)) {
            // By position: a query may name two columns alike (SELECT 1 AS a, 2 AS a). Widths are left
            // to the skin, which fits a new column to its header and first rows.
            List<TableColumn<List<Object>, String>> made = new java.util.ArrayList<>();
            for (int i = 0; i < columns.size(); i++) {
                made.add(column(columns.get(i), i));
            }
            table.getColumns().setAll(made);
        }
        table.setItems(rows);
    }

    /** The selected cell: its column, its value and its whole row. */
    public record Selected(int column, String columnName, Object value, List<Object> row) {}

    private static TableColumn<List<Object>, String> column(String name, int index) {
        TableColumn<List<Object>, String> column = new TableColumn<>(name);
        column.setUserData(name);
        column.setCellValueFactory(row -> new ReadOnlyStringWrapper(
                index < row.getValue().size()
                        ? CellDetail.oneLine(row.getValue().get(index))
                        : ""));
        return column;
    }

    /** The cell with focus, which in single selection is the selected one. */
    @SuppressWarnings({"rawtypes", "unchecked"}) // JavaFX's focus model hands out a raw TablePosition
    private static Selected selected(TableView<List<Object>> table) {
        if (table.getSelectionModel().isEmpty()) {
            return null;
        }
        TablePosition position = table.getFocusModel().getFocusedCell();
        if (position == null) {
            return null;
        }
        int row = position.getRow();
        int column = position.getColumn();
        if (row < 0
                || row >= table.getItems().size()
                || column < 0
                || column >= table.getColumns().size()) {
            return null;
        }
        List<Object> values = table.getItems().get(row);
        String name = (String) table.getColumns().get(column).getUserData();
        return new Selected(column, name, column < values.size() ? values.get(column) : null, values);
    }

    private static void copy(String text) {
        ClipboardContent content = new ClipboardContent();
        content.putString(text);
        Clipboard.getSystemClipboard().setContent(content);
    }
}
