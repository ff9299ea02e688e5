package dev.runstore.desktop.app;

import java.util.List;
import javafx.application.Application;

/**
 * The console's main class. Not an {@code Application} subclass on purpose: the JavaFX launcher
 * would start the toolkit (and need a display) before {@code --version} or {@code --help} could be
 * answered, and packaged launchers of non-modular apps fail on such a main class.
 */
public final class Launcher {
    private Launcher() {}

    static String version() {
        String version = Launcher.class.getPackage().getImplementationVersion();
        return version == null ? "(development build)" : version;
    }

    public static void main(String[] args) {
        ConsoleOptions options;
        try {
            options = ConsoleOptions.parse(List.of(args));
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.exit(2);
            return;
        }
        if (options.help()) {
            System.out.println(ConsoleOptions.USAGE);
            return;
        }
        if (options.version()) {
            System.out.println("runstore console " + version());
            return;
        }
        LogFolder.configure();
        if (options.selfTest() != null) {
            System.exit(SelfTest.run(options.selfTest()));
        }
        Application.launch(ConsoleApp.class, args);
    }
}
