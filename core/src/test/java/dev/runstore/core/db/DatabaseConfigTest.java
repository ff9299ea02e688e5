package dev.runstore.core.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runstore.core.error.DbException;
import dev.runstore.core.error.ErrorCode;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseConfigTest {
    @TempDir
    Path dir;

    @Test
    void defaultsAreTheDocumentedOnes() {
        DatabaseConfig config = DatabaseConfig.of(dir.resolve("a.db"));

        assertThat(config.mode()).isEqualTo(AccessMode.READ_WRITE);
        assertThat(config.busyTimeout()).isEqualTo(Duration.ofMillis(5_000));
        assertThat(config.slowTransactionThreshold()).isEqualTo(Duration.ofSeconds(1));
        assertThat(config.durability()).isEqualTo(Durability.NORMAL);
    }

    @Test
    void durabilityIsChosenOnTheBuilderKeptByWithModeAndShown() {
        DatabaseConfig config =
                DatabaseConfig.builder(dir.resolve("a.db")).durable().build();

        assertThat(config.durability()).isEqualTo(Durability.FULL);
        assertThat(config.withMode(AccessMode.READ_ONLY).durability()).isEqualTo(Durability.FULL);
        assertThat(config.toString()).contains("durability=FULL");
    }

    @Test
    void aMissingDurabilityIsRejectedNamingTheChoices() {
        assertThatThrownBy(() -> DatabaseConfig.builder(dir.resolve("a.db"))
                        .durability(null)
                        .build())
                .isInstanceOf(NullPointerException.class)
                .hasMessage("durability must be set: NORMAL or FULL");
    }

    @Test
    void aNegativeBusyTimeoutIsRejectedNamingTheSettingAndRange() {
        assertThatThrownBy(() -> DatabaseConfig.builder(dir.resolve("a.db"))
                        .busyTimeout(Duration.ofMillis(-1))
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("busyTimeout must be between 0 ms and")
                .hasMessageContaining("(was -1 ms)");
    }

    @Test
    void aReadPoolOfZeroIsRejectedNamingTheSettingAndRange() {
        assertThatThrownBy(() -> DatabaseConfig.builder(dir.resolve("a.db"))
                        .readPoolSize(0)
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("readPoolSize must be between 1 and 64 (was 0)");
    }

    @Test
    void bothAPathAndAUrlAreRejectedSayingSo() {
        assertThatThrownBy(() -> new DatabaseConfig(
                        java.nio.file.Path.of("a.db"),
                        "jdbc:postgresql://localhost/db?password=secret",
                        dev.runstore.core.db.AccessMode.READ_WRITE,
                        java.time.Duration.ofSeconds(1),
                        1,
                        java.time.Duration.ofSeconds(1),
                        java.time.Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("both a path (a.db) and a url")
                .hasMessageNotContaining("secret");
    }

    @Test
    void aMissingPathIsRejected() {
        assertThatThrownBy(() -> DatabaseConfig.of(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("path must be set");
    }

    @Test
    void openingInAMissingFolderFailsNamingTheFolder() {
        Path folder = dir.resolve("missing-folder");

        assertThatThrownBy(() -> Database.open(folder.resolve("a.db")))
                .isInstanceOfSatisfying(
                        DbException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_CONFIG))
                .hasMessageContaining(folder.toString());
        assertThat(folder).doesNotExist();
    }

    @Test
    void openingAFolderAsADatabaseFailsClearly() {
        assertThatThrownBy(() -> Database.open(dir))
                .isInstanceOf(DbException.class)
                .hasMessageContaining("is a folder, not a database file");
    }
}
