package dev.runstore.desktop;

import dev.runstore.core.db.AccessMode;
import dev.runstore.core.db.Database;
import dev.runstore.core.db.DatabaseConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.application.Application;
import javafx.geometry.Insets;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;

/**
 * The runstore console. For now a shell: it opens the database given with {@code --db PATH} (or a
 * new demo database with {@code --demo}) through core's {@link Database} and shows what it found.
 */
public final class ConsoleApp extends Application {
    private Database database;

    @Override
    public void start(Stage stage) {
        Path path = databasePath(getParameters().getRaw());
        AccessMode mode = Files.exists(path) ? AccessMode.READ_ONLY : AccessMode.READ_WRITE;
        database = Database.open(DatabaseConfig.builder(path).mode(mode).build());
        String sqliteVersion = database.read(h ->
                h.createQuery("SELECT sqlite_version()").mapTo(String.class).one());
        String journalMode = database.read(
                h -> h.createQuery("PRAGMA journal_mode").mapTo(String.class).one());

        VBox root = new VBox(
                8,
                new Label("runstore console"),
                new Label("Database: " + database.path()),
                new Label("SQLite " + sqliteVersion + ", journal_mode=" + journalMode));
        root.setPadding(new Insets(16));
        stage.setTitle("runstore console — " + database.path().getFileName());
        stage.setScene(new Scene(root, 640, 200));
        stage.show();
    }

    @Override
    public void stop() {
        if (database != null) {
            database.close();
        }
    }

    static Path databasePath(List<String> args) {
        int db = args.indexOf("--db");
        if (db >= 0 && db + 1 < args.size()) {
            return Path.of(args.get(db + 1));
        }
        if (args.contains("--demo")) {
            try {
                return Files.createTempDirectory("runstore-demo").resolve("demo.db");
            } catch (IOException e) {
                throw new UncheckedIOException("could not create a folder for the demo database", e);
            }
        }
        return Path.of("runstore.db");
    }

    public static void main(String[] args) {
        launch(ConsoleApp.class, args);
    }
}
