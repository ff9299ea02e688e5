package dev.runstore.desktop.connect;

import java.util.ArrayList;
import java.util.List;
import java.util.prefs.Preferences;

/**
 * The PostgreSQL servers connected to lately, newest first, as URL and user: a password is taken
 * out of the URL before anything is stored, so the preferences never hold one.
 */
public final class RecentConnections {
    public static final int MAX = 8;

    /** One remembered connection: the URL without user or password, and the user (or ""). */
    public record Entry(String url, String user) {
        /** The URL to connect with: the user put back as a parameter. */
        public String connectUrl() {
            return user.isEmpty() ? url : url + (url.contains("?") ? "&" : "?") + "user=" + user;
        }

        @Override
        public String toString() {
            return user.isEmpty() ? url : user + " @ " + url;
        }
    }

    /** The few calls of {@link Preferences} this needs, so a map can stand in for it. */
    private interface Store {
        String get(String key, String missing);

        void put(String key, String value);

        void remove(String key);
    }

    private final Store node;

    private RecentConnections(Store node) {
        this.node = node;
    }

    /** In memory, for tests and for a session that must not touch the user's preferences. */
    public static RecentConnections inMemory() {
        java.util.Map<String, String> map = new java.util.concurrent.ConcurrentHashMap<>();
        return new RecentConnections(new Store() {
            @Override
            public String get(String key, String missing) {
                return map.getOrDefault(key, missing);
            }

            @Override
            public void put(String key, String value) {
                map.put(key, value);
            }

            @Override
            public void remove(String key) {
                map.remove(key);
            }
        });
    }

    /** Kept in the user's Java preferences, beside the recent files. */
    public static RecentConnections userPreferences() {
        return in(Preferences.userRoot().node("dev/runstore/console/connections"));
    }

    /** Kept in {@code node}: tests give a node of their own and read it back. */
    public static RecentConnections in(Preferences node) {
        return new RecentConnections(new Store() {
            @Override
            public String get(String key, String missing) {
                return node.get(key, missing);
            }

            @Override
            public void put(String key, String value) {
                node.put(key, value);
            }

            @Override
            public void remove(String key) {
                node.remove(key);
            }
        });
    }

    /** {@code url}'s connection without its password; its {@code user=} parameter becomes the user. */
    public static Entry entryOf(String url) {
        int query = url.indexOf('?');
        String base = query < 0 ? url : url.substring(0, query);
        String user = "";
        List<String> kept = new ArrayList<>();
        if (query >= 0) {
            for (String parameter : url.substring(query + 1).split("&")) {
                String name = parameter.contains("=") ? parameter.substring(0, parameter.indexOf('=')) : parameter;
                if (name.equalsIgnoreCase("user")) {
                    user = parameter.substring(parameter.indexOf('=') + 1);
                } else if (!name.equalsIgnoreCase("password") && !parameter.isEmpty()) {
                    kept.add(parameter);
                }
            }
        }
        return new Entry(kept.isEmpty() ? base : base + "?" + String.join("&", kept), user);
    }

    public List<Entry> list() {
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < MAX; i++) {
            String url = node.get("recent." + i + ".url", null);
            if (url != null) {
                entries.add(new Entry(url, node.get("recent." + i + ".user", "")));
            }
        }
        return entries;
    }

    /** Puts {@code url}'s connection first, once; any password in it is dropped. */
    public void remember(String url) {
        Entry entry = entryOf(url);
        List<Entry> entries = new ArrayList<>(list());
        entries.remove(entry);
        entries.add(0, entry);
        for (int i = 0; i < MAX; i++) {
            if (i < entries.size()) {
                node.put("recent." + i + ".url", entries.get(i).url());
                node.put("recent." + i + ".user", entries.get(i).user());
            } else {
                node.remove("recent." + i + ".url");
                node.remove("recent." + i + ".user");
            }
        }
    }
}
