package dev.runstore.desktop;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConsoleAppTest {
    @Test
    void dbArgumentNamesTheDatabaseFile() {
        assertThat(ConsoleApp.databasePath(List.of("--db", "/tmp/x.db"))).isEqualTo(Path.of("/tmp/x.db"));
    }

    @Test
    void demoOpensAFreshFileInATemporaryFolder() {
        Path demo = ConsoleApp.databasePath(List.of("--demo"));

        assertThat(demo.getFileName()).hasToString("demo.db");
        assertThat(demo).doesNotExist();
        assertThat(demo.getParent()).isDirectory();
    }

    @Test
    void withoutArgumentsItOpensRunstoreDbInTheCurrentFolder() {
        assertThat(ConsoleApp.databasePath(List.of())).isEqualTo(Path.of("runstore.db"));
    }
}
