package dev.runstore.core.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runstore.core.db.AccessMode;
import dev.runstore.core.db.Database;
import dev.runstore.core.db.Durability;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --durable} reaches the configuration every command opens the database with, and the writer. */
class CliDurabilityTest {
    @TempDir
    Path dir;

    @Test
    void durableMakesTheWriterSyncEveryCommit() {
        RunstoreCli root = parsed("--durable", "--db=" + dir.resolve("d.db"), "migrate");

        assertThat(root.config(AccessMode.READ_WRITE).durability()).isEqualTo(Durability.FULL);
        assertThat(root.config(AccessMode.READ_ONLY).durability()).isEqualTo(Durability.FULL);
        int synchronous;
        try (Database db = root.openReadWrite()) {
            synchronous = db.write(h ->
                    h.createQuery("PRAGMA synchronous").mapTo(Integer.class).one());
        }
        assertThat(synchronous).as("synchronous=FULL").isEqualTo(2);
    }

    @Test
    void withoutItTheWriterKeepsNormal() {
        RunstoreCli root = parsed("--db=" + dir.resolve("n.db"), "migrate");

        assertThat(root.config(AccessMode.READ_WRITE).durability()).isEqualTo(Durability.NORMAL);
        int synchronous;
        try (Database db = root.openReadWrite()) {
            synchronous = db.write(h ->
                    h.createQuery("PRAGMA synchronous").mapTo(Integer.class).one());
        }
        assertThat(synchronous).as("synchronous=NORMAL").isEqualTo(1);
    }

    @Test
    void aCommandRunsWithItAndHelpListsIt() {
        Cli.Result migrated = new Cli().run("--durable", "--db=" + dir.resolve("c.db"), "migrate");
        Cli.Result help = new Cli().run("--help");

        assertThat(migrated.code()).as("stderr: %s", migrated.err()).isZero();
        assertThat(help.out()).contains("--durable");
    }

    @Test
    void itIsAGlobalOptionSoAfterTheCommandItIsAUsageError() {
        Cli.Result result = new Cli().run("--db=" + dir.resolve("u.db"), "migrate", "--durable");

        assertThat(result.code()).isEqualTo(ExitCodes.USAGE);
    }

    /** The root command as picocli fills it from {@code args}, with nothing run yet. */
    private static RunstoreCli parsed(String... args) {
        CliContext context = new CliContext(Map.of(), InputStream::nullInputStream, null, Clock.systemUTC());
        var cli = RunstoreCli.commandLine(
                new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()), context);
        cli.parseArgs(args);
        return cli.getCommand();
    }
}
