package dev.runstore.desktop.settings;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.prefs.Preferences;

/**
 * The console's remembered layout and look. Values are plain numbers and names; a setting that is
 * missing, or was edited into something unreadable, reads as absent and the default applies.
 */
public interface ConsoleSettings {
    /** The window's last size and place; {@code maximized} wins over the bounds when set. */
    record WindowBounds(double x, double y, double width, double height, boolean maximized) {}

    Optional<WindowBounds> window();

    void window(WindowBounds bounds);

    /** The tab shown when the console was closed, by name (a Navigation target). */
    Optional<String> lastPanel();

    void lastPanel(String panel);

    /** The divider positions of the split named {@code key}, as fractions. */
    Optional<double[]> split(String key);

    void split(String key, double[] positions);

    boolean dark();

    void dark(boolean dark);

    /** The user's Java preferences, beside the recent files. */
    static ConsoleSettings userPreferences() {
        return in(Preferences.userRoot().node("dev/runstore/console/layout"));
    }

    /** Kept in {@code node}: tests pass a node of their own and read it back. */
    static ConsoleSettings in(Preferences node) {
        return new PreferencesSettings(node);
    }

    /** In memory, for tests and smoke runs that must not touch the user's preferences. */
    static ConsoleSettings inMemory() {
        Map<String, String> values = new HashMap<>();
        return new StringSettings() {
            @Override
            String get(String key) {
                return values.get(key);
            }

            @Override
            void put(String key, String value) {
                values.put(key, value);
            }
        };
    }
}
