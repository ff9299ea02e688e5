package dev.runstore.desktop.settings;

import java.util.prefs.Preferences;

/** The settings in one java.util.prefs node. */
final class PreferencesSettings extends StringSettings {
    private final Preferences node;

    PreferencesSettings(Preferences node) {
        this.node = node;
    }

    @Override
    String get(String key) {
        return node.get(key, null);
    }

    @Override
    void put(String key, String value) {
        node.put(key, value);
    }
}
