package dev.runstore.desktop.main;

import dev.runstore.desktop.panel.Fxml;
import java.util.List;
import javafx.beans.property.SimpleStringProperty;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.stage.Window;

/** Help > Keyboard shortcuts: every entry of {@link Shortcuts}, in one table. */
public final class ShortcutsDialog {
    @FXML
    private TableView<Shortcuts.Shortcut> shortcutsTable;

    @FXML
    private TableColumn<Shortcuts.Shortcut, String> keysColumn;

    @FXML
    private TableColumn<Shortcuts.Shortcut, String> actionColumn;

    @FXML
    private TableColumn<Shortcuts.Shortcut, String> whereColumn;

    static void show(Window owner, List<Shortcuts.Shortcut> shortcuts) {
        Fxml.Loaded<ShortcutsDialog> loaded = Fxml.load(ShortcutsDialog.class);
        Node content = loaded.root();
        ShortcutsDialog view = loaded.controller();
        view.keysColumn.setCellValueFactory(
                row -> new SimpleStringProperty(row.getValue().keys()));
        view.actionColumn.setCellValueFactory(
                row -> new SimpleStringProperty(row.getValue().action()));
        view.whereColumn.setCellValueFactory(
                row -> new SimpleStringProperty(row.getValue().where()));
        view.shortcutsTable.getItems().setAll(shortcuts);

        Dialog<ButtonType> dialog = new Dialog<>();
        dialog.initOwner(owner);
        dialog.setTitle("Keyboard shortcuts");
        dialog.getDialogPane().setContent(content);
        dialog.getDialogPane().getButtonTypes().setAll(ButtonType.CLOSE);
        dialog.setResizable(true);
        dialog.show();
    }
}
