package dev.runstore.desktop.main;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.prefs.Preferences;

/** The databases opened lately, newest first. */
public interface RecentFiles {
    int MAX = 8;

    List<Path> list();

    void remember(Path path);

    /** Kept in the user's Java preferences (per user, outside the install folder). */
    static RecentFiles userPreferences() {
        Preferences node = Preferences.userRoot().node("dev/runstore/console");
        return new RecentFiles() {
            @Override
            public List<Path> list() {
                List<Path> paths = new ArrayList<>();
                for (int i = 0; i < MAX; i++) {
                    String value = node.get("recent." + i, null);
                    if (value != null) {
                        paths.add(Path.of(value));
                    }
                }
                return paths;
            }

            @Override
            public void remember(Path path) {
                List<Path> paths = new ArrayList<>(list());
                paths.remove(path);
                paths.add(0, path);
                for (int i = 0; i < MAX; i++) {
                    if (i < paths.size()) {
                        node.put("recent." + i, paths.get(i).toString());
                    } else {
                        node.remove("recent." + i);
                    }
                }
            }
        };
    }

    /** In memory, for tests and for a session that must not touch the user's preferences. */
    static RecentFiles inMemory() {
        List<Path> paths = new ArrayList<>();
        return new RecentFiles() {
            @Override
            public List<Path> list() {
                return List.copyOf(paths);
            }

            @Override
            public void remember(Path path) {
                paths.remove(path);
                paths.add(0, path);
                while (paths.size() > MAX) {
                    paths.remove(paths.size() - 1);
                }
            }
        };
    }
}
