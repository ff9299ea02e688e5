package dev.runstore.desktop.connect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import java.util.prefs.Preferences;
import org.junit.jupiter.api.Test;

/** The Connect dialog's checks and the recent connections, without a toolkit. */
class ConnectViewModelTest {
    @Test
    void aUrlThatIsNotPostgresIsRefusedInTheDialogWithWhatToType() {
        ConnectViewModel form = new ConnectViewModel();
        form.urlProperty().set("runstore.db");
        assertThat(form.submit()).isEmpty();
        assertThat(form.messageProperty().get()).startsWith("The URL must start with jdbc:postgresql://");
        form.urlProperty().set(" jdbc:postgresql://db:5432/runs?currentSchema=a ");
        form.userProperty().set("me");
        form.passwordProperty().set("pw");
        ConnectViewModel.Request request = form.submit().orElseThrow();
        assertThat(form.messageProperty().get()).isEmpty();
        assertThat(request.url()).isEqualTo("jdbc:postgresql://db:5432/runs?currentSchema=a&user=me");
        assertThat(request.password()).isEqualTo("pw");
        assertThat(request.toString()).doesNotContain("pw\"").doesNotContain("=pw");
    }

    @Test
    void aUserInTheUrlIsKeptAndAnEmptyPasswordIsNone() {
        ConnectViewModel form = new ConnectViewModel();
        form.urlProperty().set("jdbc:postgresql://db/runs?user=owner");
        form.userProperty().set("other");
        ConnectViewModel.Request request = form.submit().orElseThrow();
        assertThat(request.url()).isEqualTo("jdbc:postgresql://db/runs?user=owner");
        assertThat(request.password()).isNull();
        form.userProperty().set("a&b");
        form.urlProperty().set("jdbc:postgresql://db/runs");
        assertThat(form.submit()).isEmpty();
        assertThat(form.messageProperty().get()).contains("user name");
    }

    @Test
    void recentConnectionsDropThePasswordKeepTheUserAndComeOncePerServer() throws Exception {
        Preferences node = Preferences.userRoot().node("dev/runstore/test/" + UUID.randomUUID());
        try {
            RecentConnections recent = RecentConnections.in(node);
            recent.remember("jdbc:postgresql://a/db?user=me&password=s3cret&currentSchema=x");
            recent.remember("jdbc:postgresql://b/db");
            recent.remember("jdbc:postgresql://a/db?password=other&user=me&currentSchema=x");
            assertThat(recent.list())
                    .containsExactly(
                            new RecentConnections.Entry("jdbc:postgresql://a/db?currentSchema=x", "me"),
                            new RecentConnections.Entry("jdbc:postgresql://b/db", ""));
            assertThat(recent.list().get(0).connectUrl()).isEqualTo("jdbc:postgresql://a/db?currentSchema=x&user=me");
            StringBuilder stored = new StringBuilder();
            for (String key : node.keys()) {
                stored.append(key).append('=').append(node.get(key, "")).append('\n');
            }
            assertThat(stored.toString())
                    .doesNotContain("s3cret")
                    .doesNotContain("other")
                    .doesNotContain("password");
            assertThat(RecentConnections.in(node).list()).hasSize(2); // read back from the store
            for (int i = 0; i < RecentConnections.MAX + 3; i++) {
                recent.remember("jdbc:postgresql://h" + i + "/db");
            }
            assertThat(recent.list()).hasSize(RecentConnections.MAX);
            assertThat(RecentConnections.inMemory().list()).isEqualTo(List.of());
        } finally {
            node.removeNode();
        }
    }
}
