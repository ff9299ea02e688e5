package dev.runstore.desktop.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** --db takes a file or a PostgreSQL URL, and a password in the URL is never shown. */
class ConsoleOptionsTest {
    @Test
    void dbTakesAPathOrAPostgresUrl() {
        ConsoleOptions file = ConsoleOptions.parse(List.of("--db", "runs.db"));
        assertThat(file.db()).isEqualTo(Path.of("runs.db"));
        assertThat(file.server()).isNull();
        ConsoleOptions server = ConsoleOptions.parse(List.of("--db=jdbc:postgresql://h:5432/d?user=u&password=s3cret"));
        assertThat(server.db()).isNull();
        assertThat(server.server()).isEqualTo("jdbc:postgresql://h:5432/d?user=u&password=s3cret");
        assertThat(server.toString()).doesNotContain("s3cret").contains("password=***");
        assertThat(ConsoleOptions.USAGE).contains("--db URL").contains("PGPASSWORD");
    }

    @Test
    void aMistypedOptionIsRefusedWithoutEchoingThePasswordItCarries() {
        assertThatThrownBy(() -> ConsoleOptions.parse(List.of("--bd=jdbc:postgresql://h/db?password=s3cret&user=u")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("unknown option --bd=jdbc:postgresql://h/db?password=***&user=u")
                .hasMessageNotContaining("s3cret");
    }

    @Test
    void anotherJdbcUrlOrDbWithDemoIsRefusedWithoutEchoingAPassword() {
        assertThatThrownBy(() -> ConsoleOptions.parse(List.of("--db", "jdbc:mysql://h/d?password=s3cret")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("--db takes a file path or a jdbc:postgresql:// URL")
                .hasMessageNotContaining("s3cret");
        assertThatThrownBy(() -> ConsoleOptions.parse(List.of("--db", "jdbc:postgresql://h/d", "--demo")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot be used together");
    }
}
