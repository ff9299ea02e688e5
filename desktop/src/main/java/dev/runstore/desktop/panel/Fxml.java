package dev.runstore.desktop.panel;

import java.io.IOException;
import java.io.UncheckedIOException;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;

/**
 * Loads the FXML named after a controller class, beside it ({@code MainView} → {@code
 * MainView.fxml}). A layout that does not load is a packaging bug, so it is unchecked.
 */
public final class Fxml {
    private Fxml() {}

    /** The loaded layout and its controller. */
    public record Loaded<C>(Parent root, C controller) {}

    public static <C> Loaded<C> load(Class<C> controller) {
        String name = controller.getSimpleName() + ".fxml";
        FXMLLoader loader = new FXMLLoader(controller.getResource(name));
        try {
            Parent root = loader.load();
            return new Loaded<>(root, controller.cast(loader.getController()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load " + name, e);
        }
    }
}
