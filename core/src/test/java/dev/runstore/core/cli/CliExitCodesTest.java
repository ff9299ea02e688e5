package dev.runstore.core.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each exit code, with the one-line error that goes with it and nothing else on stderr. */
class CliExitCodesTest {
    @TempDir
    Path dir;

    String db() {
        return "--db=" + dir.resolve("codes.db");
    }

    @Test
    void noCommandIsAUsageError() {
        Cli.Result result = new Cli().run();

        assertThat(result.code()).isEqualTo(2);
        assertThat(result.err()).contains("Usage: runstore");
    }

    @Test
    void anUnknownOptionIsAUsageErrorWithAHint() {
        Cli.Result result = new Cli().run("runs", "--colour");

        assertThat(result.code()).isEqualTo(2);
        assertThat(result.err())
                .startsWith("error: Unknown option: '--colour'")
                .contains("hint: run 'runstore runs --help'");
    }

    @Test
    void aBadOptionValueIsAUsageError() {
        new Cli().run(db(), "migrate");

        assertThat(new Cli().run(db(), "events", "--level", "loud").code()).isEqualTo(2);
        assertThat(new Cli().run(db(), "runs", "--limit", "0").code()).isEqualTo(2);
        assertThat(new Cli().run(db(), "runs", "--status", "paused").err())
                .isEqualTo("error: run status \"paused\" is not one of running, succeeded, failed, cancelled\n");
    }

    @Test
    void aMissingDatabaseIsNotFoundAndIsNotCreated() {
        Path missing = dir.resolve("missing.db");

        Cli.Result result = new Cli().run("--db=" + missing, "status");

        assertThat(result.code()).isEqualTo(3);
        assertThat(result.err())
                .startsWith("error: database file \"" + missing + "\" does not exist")
                .contains("hint: ");
        assertThat(missing).doesNotExist();
    }

    @Test
    void theDatabaseDefaultsToRunstoreDbEnvironmentVariable() {
        Path fromEnvironment = dir.resolve("env.db");

        Cli.Result result =
                new Cli().env("RUNSTORE_DB", fromEnvironment.toString()).run("migrate");

        assertThat(result.code()).isZero();
        assertThat(fromEnvironment).exists();
    }

    @Test
    void aMissingRunIsNotFound() {
        new Cli().run(db(), "migrate");

        Cli.Result result = new Cli().run(db(), "events", "--run", "nope");

        assertThat(result.code()).isEqualTo(3);
        assertThat(result.err())
                .isEqualTo("error: no run with name \"nope\" exists; list the runs to see which exist\n");
    }

    @Test
    void aLockHeldPastTheBusyTimeoutIsBusy() throws Exception {
        new Cli().run(db(), "migrate");
        try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("codes.db"));
                Statement sql = other.createStatement()) {
            sql.execute("BEGIN IMMEDIATE");
            Cli.Result result = new Cli()
                    .stdin("{\"ts\":\"2026-11-27T09:00:00Z\",\"level\":\"info\",\"kind\":\"k\"}\n")
                    .run(db(), "--busy-timeout=200", "ingest", "--run", "r");
            sql.execute("ROLLBACK");

            assertThat(result.code()).isEqualTo(5);
            assertThat(result.err()).contains("more than 200 ms").contains("hint: ");
        }
    }

    @Test
    void invalidJsonIsBadInput() {
        Cli.Result result = new Cli().stdin("{\"a\": }").run("canon");

        assertThat(result.code()).isEqualTo(7);
        assertThat(result.err()).startsWith("error: not valid JSON at line 1, column");
    }

    @Test
    void invalidRunParamsAreBadInput() {
        assertThat(new Cli()
                        .run(db(), "ingest", "--run", "r", "--params", "{oops")
                        .code())
                .isEqualTo(7);
    }

    @Test
    void aFileThatIsNotADatabaseIsIncompatible() throws Exception {
        Path junk = dir.resolve("junk.db");
        Files.writeString(junk, "not a database at all, just text ".repeat(100));

        Cli.Result result = new Cli().run("--db=" + junk, "status");

        assertThat(result.code()).isEqualTo(8);
        assertThat(result.err()).startsWith("error: ").contains("is not a SQLite database");
    }

    @Test
    void verboseAddsTheStackTrace() {
        Cli.Result quiet = new Cli().run("--db=" + dir.resolve("none.db"), "status");
        Cli.Result verbose = new Cli().run("--verbose", "--db=" + dir.resolve("none.db"), "status");

        assertThat(quiet.err()).doesNotContain("\tat ");
        assertThat(verbose.err()).contains("\tat dev.runstore");
    }
}
