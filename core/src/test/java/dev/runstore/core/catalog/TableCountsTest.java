package dev.runstore.core.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runstore.core.db.Database;
import dev.runstore.core.db.DatabaseConfig;
import dev.runstore.core.migrate.Environment;
import dev.runstore.core.migrate.Migrator;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TableCountsTest {
    @TempDir
    Path dir;

    @Test
    void aMigratedDatabaseIsARunstoreSchema() {
        try (Database db = Database.open(dir.resolve("rs.db"))) {
            new Migrator(Environment.TEST).migrate(db);
            assertThat(TableCounts.isRunstoreSchema(db)).isTrue();
        }
    }

    @Test
    void aPlainSqliteFileAndAnEmptyFileAreNot() throws Exception {
        Path plain = dir.resolve("plain.db");
        try (Database db = Database.open(plain)) {
            db.useWrite(h -> h.execute("CREATE TABLE runs (x INTEGER)"));
        }
        Path empty = Files.createFile(dir.resolve("empty.db"));
        for (Path file : new Path[] {plain, empty}) {
            try (Database db =
                    Database.open(DatabaseConfig.builder(file).readOnly().build())) {
                assertThat(TableCounts.isRunstoreSchema(db)).as(file.toString()).isFalse();
            }
        }
    }
}
