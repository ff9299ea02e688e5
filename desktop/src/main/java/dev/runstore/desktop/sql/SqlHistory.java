package dev.runstore.desktop.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.prefs.Preferences;

/**
 * The statements run lately in the SQL panel, newest first, each once, {@link #MAX} at most. Kept
 * as {@link dev.runstore.desktop.main.RecentFiles} keeps the databases: in the user's Java
 * preferences, or in memory for tests and the smoke run.
 */
public interface SqlHistory {
    int MAX = 50;

    List<String> list();

    /** Puts {@code sql} first, dropping an earlier copy of it and the oldest past {@link #MAX}. */
    void remember(String sql);

    /** Kept in the user's Java preferences, beside the recent files. */
    static SqlHistory userPreferences() {
        return preferences(Preferences.userRoot().node("dev/runstore/console"));
    }

    /**
     * Kept under {@code node} as {@code sql.history.0} … {@code sql.history.49}. A statement longer
     * than a preference value may be ({@link Preferences#MAX_VALUE_LENGTH}) is not kept.
     */
    static SqlHistory preferences(Preferences node) {
        return new SqlHistory() {
            @Override
            public List<String> list() {
                List<String> statements = new ArrayList<>();
                for (int i = 0; i < MAX; i++) {
                    String value = node.get("sql.history." + i, null);
                    if (value != null) {
                        statements.add(value);
                    }
                }
                return statements;
            }

            @Override
            public void remember(String sql) {
                if (sql.length() > Preferences.MAX_VALUE_LENGTH) {
                    return;
                }
                List<String> statements = remembered(list(), sql);
                for (int i = 0; i < MAX; i++) {
                    if (i < statements.size()) {
                        node.put("sql.history." + i, statements.get(i));
                    } else {
                        node.remove("sql.history." + i);
                    }
                }
            }
        };
    }

    /** In memory, for tests and for a session that must not touch the user's preferences. */
    static SqlHistory inMemory() {
        List<String> statements = new ArrayList<>();
        return new SqlHistory() {
            @Override
            public List<String> list() {
                return List.copyOf(statements);
            }

            @Override
            public void remember(String sql) {
                List<String> now = remembered(statements, sql);
                statements.clear();
                statements.addAll(now);
            }
        };
    }

    /** {@code sql} first, then {@code earlier} without it, cut at {@link #MAX}. */
    private static List<String> remembered(List<String> earlier, String sql) {
        List<String> statements = new ArrayList<>(earlier);
        statements.remove(sql);
        statements.add(0, sql);
        return List.copyOf(statements.subList(0, Math.min(MAX, statements.size())));
    }
}
