package dev.runstore.core.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runstore.core.db.Database;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Migrating an empty database from scratch gives exactly the committed schema.sql. */
class SchemaSnapshotTest {
    static final Path SNAPSHOT = Path.of("src/main/resources/db/schema.sql");
    static final String UPDATE_PROPERTY = "runstore.updateSchemaSnapshot";
    static final String HEADER = "-- runstore schema after all migrations: sqlite_schema sorted by type and name,\n"
            + "-- whitespace collapsed, Flyway's history table left out. Written by SchemaSnapshotTest; refresh with\n"
            + "--   mvn -pl core test -Dtest=SchemaSnapshotTest -D" + UPDATE_PROPERTY + "=true\n";

    @TempDir
    Path dir;

    @Test
    void aDatabaseMigratedFromScratchHasTheCommittedSchema() throws Exception {
        String schema;
        try (Database db = Database.open(dir.resolve("scratch.db"))) {
            new Migrator(Environment.TEST).migrate(db);
            schema = SchemaDump.text(db);
        }
        if (Boolean.getBoolean(UPDATE_PROPERTY)) {
            Files.writeString(SNAPSHOT, HEADER + schema, StandardCharsets.UTF_8);
        }

        String committed = Files.readAllLines(SNAPSHOT, StandardCharsets.UTF_8).stream()
                .filter(line -> !line.startsWith("--"))
                .collect(Collectors.joining("\n", "", "\n"));
        assertThat(schema)
                .as(
                        "schema differs from %s; if the change is intended, refresh it with -D%s=true",
                        SNAPSHOT, UPDATE_PROPERTY)
                .isEqualTo(committed);
    }

    @Test
    void migratingAgainChangesNothing() {
        try (Database db = Database.open(dir.resolve("twice.db"))) {
            Migrator migrator = new Migrator(Environment.TEST);
            migrator.migrate(db);
            String first = SchemaDump.text(db);

            assertThat(migrator.migrate(db).applied()).isEmpty();
            assertThat(SchemaDump.text(db)).isEqualTo(first);
        }
    }
}
