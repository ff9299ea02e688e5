package dev.runstore.core.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runstore.core.error.UnavailableException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A typed password reaches the driver and nothing else: not toString, not a failure's message. */
class DatabaseConfigPasswordTest {
    private static final String SECRET = "s3cret-Zq9";

    @Test
    void toStringShowsNeitherATypedPasswordNorOneInTheUrl() {
        DatabaseConfig typed = DatabaseConfig.postgres("jdbc:postgresql://db.example/runs?user=me")
                .password(SECRET)
                .build();
        DatabaseConfig inUrl = DatabaseConfig.postgres("jdbc:postgresql://db.example/runs?user=me&password=" + SECRET)
                .build();
        assertThat(typed.password()).isEqualTo(SECRET);
        assertThat(typed.toString())
                .doesNotContain(SECRET)
                .contains("password=***")
                .contains("db.example/runs");
        assertThat(inUrl.toString()).doesNotContain(SECRET).contains("password=***");
        assertThat(typed.withMode(AccessMode.READ_ONLY).password()).isEqualTo(SECRET);
        assertThat(DatabaseConfig.postgres("jdbc:postgresql://h/d")
                        .password("")
                        .build()
                        .password())
                .isNull();
        assertThatThrownBy(() -> DatabaseConfig.builder(java.nio.file.Path.of("a.db"))
                        .password(SECRET)
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining(SECRET);
    }

    @Test
    void aFailedConnectionNamesTheServerButNotThePassword() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort(); // closed again: nothing listens there
        }
        String url = "jdbc:postgresql://127.0.0.1:" + port + "/runs?user=me";
        for (DatabaseConfig config : new DatabaseConfig[] {
            DatabaseConfig.postgres(url)
                    .password(SECRET)
                    .busyTimeout(Duration.ofSeconds(1))
                    .build(),
            DatabaseConfig.postgres(url + "&password=" + SECRET)
                    .busyTimeout(Duration.ofSeconds(1))
                    .build()
        }) {
            Throwable failure = org.assertj.core.api.Assertions.catchThrowable(
                    () -> Database.open(config).close());
            assertThat(failure).isInstanceOf(UnavailableException.class);
            StringWriter trace = new StringWriter();
            failure.printStackTrace(new PrintWriter(trace));
            assertThat(trace.toString()).contains("127.0.0.1:" + port).doesNotContain(SECRET);
        }
    }
}
