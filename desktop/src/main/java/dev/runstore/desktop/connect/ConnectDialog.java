package dev.runstore.desktop.connect;

import dev.runstore.desktop.panel.Fxml;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import javafx.event.ActionEvent;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;
import javafx.stage.Window;

/** File > Connect to PostgreSQL…: URL, user and password; Connect checks them before it closes. */
public final class ConnectDialog {
    static final ButtonType CONNECT = new ButtonType("Connect", ButtonBar.ButtonData.OK_DONE);

    @FXML
    private TextField urlField;

    @FXML
    private TextField userField;

    @FXML
    private PasswordField passwordField;

    @FXML
    private Label message;

    /** Shows the dialog over {@code owner}; empty when it was cancelled. */
    public static Optional<ConnectViewModel.Request> show(Window owner, ConnectViewModel viewModel) {
        Fxml.Loaded<ConnectDialog> loaded = Fxml.load(ConnectDialog.class);
        Node content = loaded.root();
        ConnectDialog view = loaded.controller();
        view.bind(viewModel);
        Dialog<ConnectViewModel.Request> dialog = new Dialog<>();
        dialog.initOwner(owner);
        dialog.setTitle("Connect to PostgreSQL");
        dialog.setHeaderText("Open a runstore database on a PostgreSQL server (read-only)");
        dialog.getDialogPane().setContent(content);
        dialog.getDialogPane().getButtonTypes().addAll(CONNECT, ButtonType.CANCEL);
        Button connect = (Button) dialog.getDialogPane().lookupButton(CONNECT);
        connect.setId("connectButton");
        AtomicReference<Optional<ConnectViewModel.Request>> submitted = new AtomicReference<>(Optional.empty());
        // Connect closes the dialog only once the fields make a request; otherwise it says why.
        connect.addEventFilter(ActionEvent.ACTION, event -> {
            submitted.set(viewModel.submit());
            if (submitted.get().isEmpty()) {
                event.consume();
            }
        });
        dialog.setResultConverter(button -> button == CONNECT ? submitted.get().orElse(null) : null);
        dialog.setOnShown(e -> view.urlField.requestFocus());
        Optional<ConnectViewModel.Request> result = dialog.showAndWait();
        viewModel.passwordProperty().set(""); // the request carries it on; the dialog keeps none
        return result;
    }

    private void bind(ConnectViewModel viewModel) {
        urlField.textProperty().bindBidirectional(viewModel.urlProperty());
        userField.textProperty().bindBidirectional(viewModel.userProperty());
        passwordField.textProperty().bindBidirectional(viewModel.passwordProperty());
        message.textProperty().bind(viewModel.messageProperty());
        message.visibleProperty().bind(viewModel.messageProperty().isNotEmpty());
        message.managedProperty().bind(message.visibleProperty());
    }
}
