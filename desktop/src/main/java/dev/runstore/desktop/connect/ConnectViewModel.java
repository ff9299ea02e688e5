package dev.runstore.desktop.connect;

import java.util.Optional;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/** What the Connect dialog holds and checks; the password stays here until the dialog connects. */
public final class ConnectViewModel {
    /** What to connect to: the URL with the user in it, and the typed password (null for none). */
    public record Request(String url, String password) {
        @Override
        public String toString() {
            return "Request[" + dev.runstore.core.db.DatabaseConfig.redact(url) + "]";
        }
    }

    private final StringProperty url = new SimpleStringProperty("jdbc:postgresql://localhost:5432/postgres");
    private final StringProperty user = new SimpleStringProperty(System.getProperty("user.name", ""));
    private final StringProperty password = new SimpleStringProperty("");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");

    /** Starts from a remembered connection. */
    public void fill(RecentConnections.Entry entry) {
        url.set(entry.url());
        user.set(entry.user());
        password.set("");
    }

    /** The request, or empty with {@link #messageProperty} saying what to fix. */
    public Optional<Request> submit() {
        String typed = url.get() == null ? "" : url.get().strip();
        if (!typed.startsWith("jdbc:postgresql://")) {
            message.set("The URL must start with jdbc:postgresql://, e.g. jdbc:postgresql://localhost:5432/postgres");
            return Optional.empty();
        }
        String name = user.get() == null ? "" : user.get().strip();
        if (name.contains("&") || name.contains("=")) {
            message.set("The user name cannot contain & or =; check the user field");
            return Optional.empty();
        }
        boolean hasUser = RecentConnections.entryOf(typed).user().length() > 0;
        String withUser = hasUser || name.isEmpty() ? typed : new RecentConnections.Entry(typed, name).connectUrl();
        message.set("");
        String typedPassword = password.get();
        return Optional.of(
                new Request(withUser, typedPassword == null || typedPassword.isEmpty() ? null : typedPassword));
    }

    public StringProperty urlProperty() {
        return url;
    }

    public StringProperty userProperty() {
        return user;
    }

    public StringProperty passwordProperty() {
        return password;
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }
}
