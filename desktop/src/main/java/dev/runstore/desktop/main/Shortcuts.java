package dev.runstore.desktop.main;

import java.util.ArrayList;
import java.util.List;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;

/**
 * Every keyboard shortcut of the console, declared once: the window installs them from here and
 * Help > Keyboard shortcuts lists them from here, so the list cannot miss one or name a wrong key.
 */
public final class Shortcuts {
    private Shortcuts() {}

    /** One shortcut: its keys, what it does, and where (empty: anywhere in the window). */
    public record Shortcut(String keys, String action, String where) {}

    public static final KeyCombination OPEN = shortcut(KeyCode.O);
    public static final KeyCombination CONNECT = shortcut(KeyCode.O, KeyCombination.SHIFT_DOWN);
    public static final KeyCombination REFRESH = new KeyCodeCombination(KeyCode.F5);
    public static final KeyCombination PAUSE = shortcut(KeyCode.P, KeyCombination.SHIFT_DOWN);
    public static final KeyCombination FIND_EVENTS = shortcut(KeyCode.F);
    public static final KeyCombination DARK_THEME = shortcut(KeyCode.D, KeyCombination.SHIFT_DOWN);
    public static final KeyCombination RESET = shortcut(KeyCode.DELETE, KeyCombination.SHIFT_DOWN);
    public static final KeyCombination HELP = new KeyCodeCombination(KeyCode.F1);
    public static final KeyCombination EXIT = shortcut(KeyCode.Q);

    /** Ctrl+1 … Ctrl+8: the panels in tab order. */
    public static KeyCombination panel(int index) {
        return shortcut(KeyCode.getKeyCode(Integer.toString(index + 1)));
    }

    /** Keys panels handle themselves, listed for the help only. */
    private static final List<Shortcut> IN_PANELS = List.of(
            new Shortcut("Ctrl+Enter", "Run the statement", "SQL"),
            new Shortcut("Esc", "Cancel the running statement", "SQL"),
            new Shortcut("Ctrl+C", "Copy the selected cell or row", "Browse, SQL, Runs"),
            new Shortcut("Esc", "Clear the search", "Runs"),
            new Shortcut("Ctrl+Shift+F", "Follow the newest events (again)", "Runs"),
            new Shortcut("Tab / Shift+Tab", "Move between controls", ""),
            new Shortcut("Ctrl+Tab", "Next panel", ""),
            new Shortcut("Alt", "Open the menus", ""));

    /** Every shortcut, for the help. */
    public static List<Shortcut> all(List<String> panelNames) {
        List<Shortcut> all = new ArrayList<>(List.of(
                of(OPEN, "Open a database file…"),
                of(CONNECT, "Connect to PostgreSQL…"),
                of(REFRESH, "Refresh the visible panel"),
                of(PAUSE, "Pause or resume live refresh"),
                of(FIND_EVENTS, "Find events (Runs panel)"),
                of(DARK_THEME, "Dark theme on or off"),
                of(RESET, "Reset the database… (development databases only)"),
                of(HELP, "Keyboard shortcuts"),
                of(EXIT, "Exit")));
        for (int i = 0; i < panelNames.size(); i++) {
            all.add(of(panel(i), "Show " + panelNames.get(i)));
        }
        all.addAll(IN_PANELS);
        return all;
    }

    private static Shortcut of(KeyCombination keys, String action) {
        return new Shortcut(keys.getDisplayText(), action, "");
    }

    private static KeyCombination shortcut(KeyCode key, KeyCombination.Modifier... more) {
        KeyCombination.Modifier[] modifiers = new KeyCombination.Modifier[more.length + 1];
        modifiers[0] = KeyCombination.SHORTCUT_DOWN;
        System.arraycopy(more, 0, modifiers, 1, more.length);
        return new KeyCodeCombination(key, modifiers);
    }
}
