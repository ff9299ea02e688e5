package dev.runstore.core.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.runstore.core.db.Database;
import dev.runstore.core.migrate.Environment;
import dev.runstore.core.migrate.Migrator;
import dev.runstore.core.store.SampleData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dev reset's gating in every branch, and what a reset that runs leaves behind. */
class CliResetTest {
    @TempDir
    Path dir;

    Path db;
    String before;

    @BeforeEach
    void developmentDatabaseWithData() throws Exception {
        db = dir.resolve("dev.db");
        fill(Environment.DEVELOPMENT);
    }

    void fill(Environment environment) throws Exception {
        try (Database database = Database.open(db)) {
            new Migrator(environment).migrate(database);
            SampleData.fill(database, 3, 10);
        }
        before = CliCommandsTest.sha256(db);
    }

    @Test
    void withoutTheAllowVariableItIsRefusedAndTheFileUntouched() throws Exception {
        Cli.Result result = new Cli().run("--db=" + db, "reset", "--yes");

        assertRefusedUntouched(result, "set RUNSTORE_ALLOW_RESET=1");
    }

    @Test
    void theAllowVariableMustBeExactlyOne() throws Exception {
        Cli.Result result = new Cli().env("RUNSTORE_ALLOW_RESET", "yes").run("--db=" + db, "reset", "--yes");

        assertRefusedUntouched(result, "set RUNSTORE_ALLOW_RESET=1");
    }

    @Test
    void aProductionDatabaseIsRefusedWhateverTheVariableSays() throws Exception {
        Files.delete(db);
        fill(Environment.PRODUCTION);

        Cli.Result result = new Cli().env("RUNSTORE_ALLOW_RESET", "1").run("--db=" + db, "reset", "--yes");

        assertRefusedUntouched(result, "production database");
    }

    @Test
    void withoutATerminalItNeedsYes() throws Exception {
        Cli.Result result = new Cli().env("RUNSTORE_ALLOW_RESET", "1").run("--db=" + db, "reset");

        assertRefusedUntouched(result, "pass --yes");
    }

    @Test
    void aPersonWhoTypesAnotherNameChangesNothing() throws Exception {
        Cli cli = new Cli().env("RUNSTORE_ALLOW_RESET", "1").person("other.db");

        Cli.Result result = cli.run("--db=" + db, "reset");

        assertRefusedUntouched(result, "confirmation did not match");
        assertThat(cli.prompts).singleElement().asString().contains("Type the database file name");
    }

    @Test
    void aPersonWhoTypesTheFileNameResetsIt() throws Exception {
        Cli.Result result =
                new Cli().env("RUNSTORE_ALLOW_RESET", "1").person("dev.db").run("--db=" + db, "reset");

        assertThat(result.code()).as(result.err()).isZero();
        assertReset(result);
    }

    @Test
    void aResetBacksUpCompletelyEmptiesAndKeepsTheEnvironment() throws Exception {
        JsonNode countsBefore = CliCommandsTest.json(new Cli().run("--db=" + db, "counts", "--json"));

        Cli.Result result = new Cli().env("RUNSTORE_ALLOW_RESET", "1").run("--db=" + db, "reset", "--yes");

        assertThat(result.code()).as(result.err()).isZero();
        Path backup = assertReset(result);
        JsonNode backupCounts = CliCommandsTest.json(new Cli().run("--db=" + backup, "counts", "--json"));
        assertThat(backupCounts).isEqualTo(countsBefore);
    }

    @Test
    void resettingAMissingFileIsNotFoundAndCreatesNothing() {
        Path missing = dir.resolve("missing.db");

        Cli.Result result = new Cli().env("RUNSTORE_ALLOW_RESET", "1").run("--db=" + missing, "reset", "--yes");

        assertThat(result.code()).isEqualTo(3);
        assertThat(missing).doesNotExist();
    }

    private void assertRefusedUntouched(Cli.Result result, String reason) throws Exception {
        assertThat(result.code()).isEqualTo(6);
        assertThat(result.err()).startsWith("error: ").contains(reason).contains("nothing was changed");
        assertThat(CliCommandsTest.sha256(db)).isEqualTo(before);
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(name -> name.contains(".bak-"));
        }
    }

    private Path assertReset(Cli.Result result) throws Exception {
        List<String> lines = result.out().lines().toList();
        assertThat(lines.get(0)).startsWith("backup: ");
        Path backup = Path.of(lines.get(0).substring("backup: ".length()));
        assertThat(backup.getFileName().toString()).matches("dev\\.db\\.bak-\\d{8}T\\d{6}Z");
        assertThat(backup).exists();
        JsonNode counts = CliCommandsTest.json(new Cli().run("--db=" + db, "counts", "--json"));
        assertThat(counts.get("runs").asLong()).isZero();
        assertThat(counts.get("events").asLong()).isZero();
        JsonNode status = CliCommandsTest.json(new Cli().run("--db=" + db, "status", "--json"));
        assertThat(status.get("environment").asText()).isEqualTo("development");
        assertThat(status.get("up_to_date").asBoolean()).isTrue();
        return backup;
    }
}
