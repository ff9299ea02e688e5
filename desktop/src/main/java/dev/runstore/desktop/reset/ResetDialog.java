package dev.runstore.desktop.reset;

import atlantafx.base.theme.Styles;
import dev.runstore.desktop.panel.Fxml;
import java.util.Optional;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.stage.Window;

/**
 * A destructive confirmation, not a question: the full path, what goes, where the backup goes, and
 * a red button that is enabled only while the typed name matches. Cancel is the default, so Enter
 * and Escape never delete by accident.
 */
public final class ResetDialog {
    /** The delete button's type: not OK, so no platform default makes it the Enter key's. */
    static final ButtonType DELETE = new ButtonType("Delete and reset", ButtonBar.ButtonData.OTHER);

    @FXML
    private Label databaseLocation; // not "location": FXMLLoader injects its URL there

    @FXML
    private Label tables;

    @FXML
    private Label payloads;

    @FXML
    private Label backup;

    @FXML
    private Label prompt;

    @FXML
    private TextField typed;

    /** Shows the confirmation; present with the typed name when the person confirmed. */
    public static Optional<String> ask(Window owner, ResetConfirmation confirmation) {
        Fxml.Loaded<ResetDialog> loaded = Fxml.load(ResetDialog.class);
        Node content = loaded.root();
        ResetDialog view = loaded.controller();
        view.bind(confirmation);

        Dialog<ButtonType> dialog = new Dialog<>();
        dialog.initOwner(owner);
        dialog.setTitle("Reset database");
        dialog.setHeaderText(confirmation.heading());
        dialog.setGraphic(null); // no blue question mark: this is not a question
        dialog.getDialogPane().getStyleClass().add("reset-dialog");
        dialog.getDialogPane().setContent(content);
        dialog.getDialogPane().getButtonTypes().setAll(DELETE, ButtonType.CANCEL);
        Button delete = (Button) dialog.getDialogPane().lookupButton(DELETE);
        delete.setId("reset-confirm-ok");
        delete.getStyleClass().addAll(Styles.DANGER, "reset-delete");
        delete.setDefaultButton(false);
        delete.disableProperty().bind(confirmation.matchesProperty().not());
        Button cancel = (Button) dialog.getDialogPane().lookupButton(ButtonType.CANCEL);
        cancel.setDefaultButton(true);
        cancel.setCancelButton(true);
        dialog.setOnShown(e -> view.typed.requestFocus());
        return dialog.showAndWait()
                .filter(DELETE::equals)
                .filter(pressed -> confirmation.matchesProperty().get())
                .map(pressed -> confirmation.typedProperty().get());
    }

    private void bind(ResetConfirmation confirmation) {
        databaseLocation.setText(confirmation.location());
        tables.setText(confirmation.tables());
        payloads.setText(confirmation.payloads());
        backup.setText(confirmation.backup());
        prompt.setText(confirmation.prompt());
        typed.setId("reset-confirm");
        typed.setPromptText(confirmation.name());
        confirmation.typedProperty().bind(typed.textProperty());
    }
}
