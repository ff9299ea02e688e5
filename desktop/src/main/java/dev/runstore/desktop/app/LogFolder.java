package dev.runstore.desktop.app;

import java.nio.file.Path;
import java.util.Locale;

/**
 * Points the console's log file at the user's log folder — never the install folder, which is
 * read-only once installed: {@code %LOCALAPPDATA%\runstore\logs} on Windows, {@code
 * ~/Library/Logs/runstore} on macOS, {@code $XDG_STATE_HOME/runstore/logs} (default {@code
 * ~/.local/state/runstore/logs}) elsewhere. logback.xml reads {@code runstore.log.dir}.
 */
final class LogFolder {
    static final String PROPERTY = "runstore.log.dir";

    private LogFolder() {}

    static void configure() {
        if (System.getProperty(PROPERTY) == null) {
            System.setProperty(PROPERTY, folder().toString());
        }
    }

    static Path folder() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        Path home = Path.of(System.getProperty("user.home"));
        if (os.contains("win")) {
            String local = System.getenv("LOCALAPPDATA");
            return (local != null ? Path.of(local) : home.resolve("AppData").resolve("Local"))
                    .resolve("runstore")
                    .resolve("logs");
        }
        if (os.contains("mac")) {
            return home.resolve("Library").resolve("Logs").resolve("runstore");
        }
        String state = System.getenv("XDG_STATE_HOME");
        return (state != null && !state.isBlank()
                        ? Path.of(state)
                        : home.resolve(".local").resolve("state"))
                .resolve("runstore")
                .resolve("logs");
    }
}
