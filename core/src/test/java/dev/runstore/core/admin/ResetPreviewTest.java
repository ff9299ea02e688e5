package dev.runstore.core.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runstore.core.db.Database;
import dev.runstore.core.db.DatabaseConfig;
import dev.runstore.core.migrate.Environment;
import dev.runstore.core.migrate.Migrator;
import dev.runstore.core.store.SampleData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The preview the console's reset confirmation shows: what would go, read without changing anything. */
class ResetPreviewTest {
    @TempDir
    Path dir;

    @Test
    void itCountsEveryTableAndPayloadFileAndNamesTheBackupThatRunThenWrites() throws Exception {
        Path file = dir.resolve("dev.db");
        try (Database db = Database.open(file)) {
            new Migrator(Environment.DEVELOPMENT).migrate(db);
            SampleData.fill(db, 3, 7);
        }
        try (Connection plain = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement sql = plain.createStatement()) {
            sql.execute("CREATE TABLE \"my notes\" (x)");
            sql.execute("INSERT INTO \"my notes\" VALUES (1), (2)");
        }
        Path blob = Files.createDirectories(
                dir.resolve("dev.db.blobs").resolve("sha256").resolve("ab"));
        Files.writeString(blob.resolve("one"), "{\"a\":1}");
        Files.writeString(blob.resolve("two"), "{\"b\":22}");
        String before = ResetUnderAttackTest.sha256(file);

        ResetPreview preview;
        try (Database db = Database.open(DatabaseConfig.builder(file).readOnly().build())) {
            preview = Reset.preview(db);
        }

        assertThat(ResetUnderAttackTest.sha256(file))
                .as("the preview changes nothing")
                .isEqualTo(before);
        assertThat(preview.location()).isEqualTo(file.toAbsolutePath().toString());
        assertThat(preview.tables())
                .containsEntry("runs", count(file, "runs"))
                .containsEntry("events", count(file, "events"))
                .containsEntry("my notes", 2L)
                .containsKey("flyway_schema_history");
        assertThat(preview.tables().get("events")).isEqualTo(21L);
        assertThat(preview.rows())
                .isEqualTo(preview.tables().values().stream().mapToLong(n -> n).sum());
        assertThat(preview.payloadFolder()).contains(dir.resolve("dev.db.blobs"));
        assertThat(preview.payloadFiles()).isEqualTo(2);
        assertThat(preview.payloadBytes()).isEqualTo("{\"a\":1}".length() + "{\"b\":22}".length());
        assertThat(preview.backupFolder()).contains(dir.toAbsolutePath());
        assertThat(preview.backupName()).startsWith("dev.db.bak-");

        ResetResult result;
        try (Database db = Database.open(file)) {
            result = Reset.run(db, true);
        }
        assertThat(result.backup().getParent()).isEqualTo(preview.backupFolder().orElseThrow());
        assertThat(result.backup().getFileName().toString())
                .hasSameSizeAs(preview.backupName())
                .startsWith("dev.db.bak-");
        assertThat(dir.resolve("dev.db.blobs"))
                .as("the files the preview counted are gone")
                .doesNotExist();
    }

    @Test
    void aDatabaseWithoutAPayloadFolderHasNoFilesToDelete() {
        Path file = dir.resolve("plain.db");
        try (Database db = Database.open(file)) {
            new Migrator(Environment.TEST).migrate(db);
            ResetPreview preview = Reset.preview(db);
            assertThat(preview.payloadFiles()).isZero();
            assertThat(preview.payloadBytes()).isZero();
            assertThat(preview.tables()).containsEntry("runs", 0L).containsEntry("events", 0L);
        }
    }

    private static long count(Path file, String table) throws Exception {
        try (Connection plain = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement sql = plain.createStatement();
                ResultSet rows = sql.executeQuery("SELECT count(*) FROM " + table)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
