package dev.runstore.core.cli;

import dev.runstore.core.db.AccessMode;
import dev.runstore.core.db.Database;
import dev.runstore.core.db.DatabaseConfig;
import dev.runstore.core.db.Durability;
import dev.runstore.core.error.InvalidInputException;
import dev.runstore.core.error.NotFoundException;
import dev.runstore.core.json.CanonicalJson;
import dev.runstore.core.migrate.Environment;
import dev.runstore.core.migrate.Migrator;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code runstore}: the headless CLI over runstore-core's admin operations. A thin shell: every
 * command parses its options, calls one operation in core and prints the result as aligned text or
 * (with {@code --json}) as exactly one canonical JSON document.
 */
@Command(
        name = "runstore",
        mixinStandardHelpOptions = true,
        versionProvider = RunstoreCli.Version.class,
        description = "Inspect and maintain a runstore database.",
        synopsisSubcommandLabel = "COMMAND",
        subcommands = {
            MigrateCommand.class,
            StatusCommand.class,
            CountsCommand.class,
            TablesCommand.class,
            RowsCommand.class,
            StatsCommand.class,
            RunsCommand.class,
            EventsCommand.class,
            QueryCommand.class,
            CheckCommand.class,
            IngestCommand.class,
            CanonCommand.class,
            BackupCommand.class,
            DemoCommand.class,
            ResetCommand.class,
            CommandLine.HelpCommand.class
        },
        footer = "%nRead commands (status, counts, runs, events, query, check) open the database read-only.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:success",
            "1:check found a problem (or an unexpected failure)",
            "2:usage error",
            "3:not found (database file, PostgreSQL database, run)",
            "4:conflict (duplicate, target file exists)",
            "5:busy or unavailable: the database stayed locked past the busy timeout, or its server could not be"
                    + " reached or ended the connection; retry later",
            "6:refused (reset gating; SQL that could write; the server refused the login)",
            "7:bad input data (invalid JSON, invalid event, invalid SQL)",
            "8:incompatible database (not SQLite, corrupt, schema newer than this program, read-only, a missing or corrupt payload)"
        })
public final class RunstoreCli implements Callable<Integer> {
    static final String DB_VARIABLE = "RUNSTORE_DB";

    @Option(
            names = "--db",
            paramLabel = "<path|url>",
            description = "Database file, or a jdbc:postgresql:// URL. Default: $RUNSTORE_DB, else runstore.db in the"
                    + " current folder.")
    String db;

    @Option(
            names = "--busy-timeout",
            paramLabel = "<ms>",
            defaultValue = "5000",
            description = "How long to wait for a lock held by another process (default: ${DEFAULT-VALUE}).")
    long busyTimeoutMs;

    @Option(
            names = "--durable",
            description = "Make every commit survive an OS crash or power loss, not only a crash of runstore:"
                    + " SQLite syncs the WAL to disk at each commit (synchronous=FULL); on PostgreSQL, where"
                    + " commits are flushed anyway, synchronous_commit is turned back on if the server"
                    + " turned it off. Slower writes on SQLite; see docs/hardening.md.")
    boolean durable;

    @Option(names = "--verbose", description = "Show stack traces and log lines on stderr.")
    boolean verbose;

    @Spec
    CommandSpec spec;

    final CliContext context;

    RunstoreCli(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.USAGE;
    }

    public static void main(String[] rawArgs) {
        boolean verbose = Arrays.asList(rawArgs).contains("--verbose");
        // Before any logger exists: stderr holds only errors unless --verbose (slf4j-simple reads these once).
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", verbose ? "debug" : "off");
        System.setProperty("org.slf4j.simpleLogger.logFile", "System.err");
        System.setProperty("slf4j.internal.verbosity", verbose ? "INFO" : "ERROR");
        // UTF-8 whatever the locale: JDK 17 would follow LANG (ASCII under LANG=C).
        PrintWriter out = new PrintWriter(
                new OutputStreamWriter(new FileOutputStream(FileDescriptor.out), StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(
                new OutputStreamWriter(new FileOutputStream(FileDescriptor.err), StandardCharsets.UTF_8), true);
        int code;
        try {
            code = commandLine(out, err, CliContext.system()).execute(Utf8Arguments.of(rawArgs));
        } catch (InvalidInputException notUtf8) {
            code = ErrorHandler.report(notUtf8, err, verbose);
        }
        out.flush();
        err.flush();
        System.exit(code);
    }

    /** The CLI as production wires it; tests call it with their own writers and context. */
    static CommandLine commandLine(PrintWriter out, PrintWriter err, CliContext context) {
        CommandLine cli = new CommandLine(new RunstoreCli(context));
        cli.setOut(out);
        cli.setErr(err);
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setExecutionExceptionHandler(new ErrorHandler());
        cli.setParameterExceptionHandler(ErrorHandler::usage);
        // -h/--help (and -V/--version) on every command, so `runstore ingest --help` prints usage
        // even though ingest has a required option ('help' has its own -h).
        cli.getSubcommands().values().stream()
                .filter(sub -> !sub.getCommandSpec().helpCommand())
                .forEach(sub -> sub.getCommandSpec().mixinStandardHelpOptions(true));
        return cli;
    }

    // ---- helpers for the commands -------------------------------------------------------------

    /** A SQLite file path or a jdbc:postgresql:// URL. */
    String dbLocation() {
        if (db != null) {
            return db;
        }
        String fromEnvironment = context.env(DB_VARIABLE);
        return fromEnvironment == null || fromEnvironment.isBlank() ? "runstore.db" : fromEnvironment;
    }

    boolean postgres() {
        return dbLocation().startsWith("jdbc:");
    }

    /** For read commands: never creates, migrates or writes. */
    Database openReadOnly() {
        requireExists();
        return Database.open(config(AccessMode.READ_ONLY));
    }

    /** For commands that create the database when it is missing. */
    Database openReadWrite() {
        return Database.open(config(AccessMode.READ_WRITE));
    }

    /** For commands that change an existing database but must not create one. */
    Database openExisting() {
        requireExists();
        return openReadWrite();
    }

    /** Checks a count option before anything is opened, so a usage error never touches the file. */
    static void requireAtLeastOne(String option, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(option + " must be at least 1 (was " + value + ")");
        }
    }

    static void requireAtLeastZero(String option, int value) {
        if (value < 0) {
            throw new IllegalArgumentException(option + " must be 0 or more (was " + value + ")");
        }
    }

    static void requireNotBlank(String option, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(option + " must not be blank");
        }
    }

    Migrator migrator() {
        return new Migrator(Environment.parse(context.env(Environment.VARIABLE)));
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    /** One line for people; text from the database or input in it is made safe to print. */
    void printLine(String text) {
        out().println(TerminalText.escape(text));
    }

    /** Exactly one canonical JSON document and a newline. */
    void printJson(Object value) {
        out().println(CanonicalJson.toJson(value));
        out().flush();
    }

    private void requireExists() {
        if (postgres()) {
            return; // a server database: connecting says whether it exists
        }
        Path path = Path.of(dbLocation()).toAbsolutePath();
        if (!Files.isRegularFile(path)) {
            throw new NotFoundException(
                    "database file",
                    path.toString(),
                    "database file \"" + path + "\" does not exist; check --db (or " + DB_VARIABLE + ")");
        }
    }

    /** The configuration the commands open the database with; package-private for tests. */
    DatabaseConfig config(AccessMode mode) {
        if (busyTimeoutMs < 0) {
            throw new IllegalArgumentException(
                    "--busy-timeout must be 0 or more milliseconds (was " + busyTimeoutMs + ")");
        }
        return DatabaseConfig.forLocation(dbLocation())
                .mode(mode)
                .busyTimeout(Duration.ofMillis(busyTimeoutMs))
                .readPoolSize(2)
                .durability(durable ? Durability.FULL : Durability.NORMAL)
                .build();
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = RunstoreCli.class.getPackage().getImplementationVersion();
            return new String[] {"runstore " + (version == null ? "(development build)" : version)};
        }
    }
}
