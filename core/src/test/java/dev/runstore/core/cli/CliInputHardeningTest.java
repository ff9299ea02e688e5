package dev.runstore.core.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runstore.core.db.Database;
import dev.runstore.core.json.JsonLines;
import dev.runstore.core.migrate.Environment;
import dev.runstore.core.migrate.Migrator;
import dev.runstore.core.store.NewRun;
import dev.runstore.core.store.Runs;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The CLI's edges: help on every command, usage errors that touch nothing, bad lines that are their
 * line's error, text from the database that cannot reprogram a terminal, corrupt rows.
 */
class CliInputHardeningTest {
    private static final String LINE =
            "{\"seq\":%d,\"ts\":\"2026-11-27T09:00:00Z\",\"level\":\"info\",\"kind\":\"k\"%s}\n";

    @TempDir
    Path dir;

    static Stream<String> commands() {
        CliContext none = new CliContext(Map.of(), InputStream::nullInputStream, null, Clock.systemUTC());
        return RunstoreCli.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()), none)
                .getSubcommands()
                .keySet()
                .stream();
    }

    @ParameterizedTest
    @MethodSource("commands")
    void everyCommandPrintsItsUsageForHelpAndH(String command) {
        for (String flag : List.of("--help", "-h")) {
            Cli.Result result = new Cli().run(command, flag);

            assertThat(result.code())
                    .as("%s %s: %s", command, flag, result.err())
                    .isZero();
            assertThat(result.out()).contains("Usage: runstore " + command + " [-h");
            assertThat(result.err()).isEmpty();
        }
    }

    /** Every command but picocli's 'help', which takes any word as the name of a command. */
    static Stream<String> commandsWithOptions() {
        return commands().filter(command -> !command.equals("help"));
    }

    @ParameterizedTest
    @MethodSource("commandsWithOptions")
    void theUsageHintOfEveryCommandNamesACommandThatWorks(String command) {
        Cli.Result wrong = new Cli().run(command, "--no-such-option");
        Matcher hint = Pattern.compile("hint: run '([^']+)'").matcher(wrong.err());

        assertThat(wrong.code()).isEqualTo(2);
        assertThat(hint.find()).as(wrong.err()).isTrue();
        List<String> words = new ArrayList<>(List.of(hint.group(1).split(" ")));
        assertThat(words.remove(0)).isEqualTo("runstore");
        Cli.Result suggested = new Cli().run(words.toArray(String[]::new));
        assertThat(suggested.code()).as(suggested.err()).isZero();
        assertThat(suggested.out()).startsWith("Usage: runstore " + command);
    }

    static Stream<List<String>> badOptions() {
        return Stream.of(
                List.of("ingest", "--run", "r", "--batch", "0"),
                List.of("ingest", "--run", " "),
                List.of("ingest", "--run", "r", "--source", ""),
                List.of("ingest", "--run", "r", "--params", "{bad"),
                List.of("ingest", "--run", "r", "--params", "{\"x\":1e400}"),
                List.of("ingest", "--run", "r", "--params", "{\"x\":\"\\ud800\"}"),
                List.of("demo", "--runs", "-1"),
                List.of("demo", "--events-per-run", "-5"),
                List.of("migrate", "--target", "two"),
                List.of("migrate", "--target", "99"),
                List.of("--busy-timeout", "-1", "migrate"),
                List.of("runs", "--limit", "0"),
                List.of("events", "--limit", "-3"),
                List.of("events", "--level", "loud"),
                List.of("runs", "--status", "paused"));
    }

    @ParameterizedTest
    @MethodSource("badOptions")
    void aBadOptionIsRefusedBeforeAnythingIsOpenedOrCreated(List<String> args) {
        Path db = dir.resolve("new.db");
        List<String> all = new ArrayList<>(List.of("--db=" + db));
        all.addAll(args);

        Cli.Result result = new Cli().stdin(String.format(LINE, 1, "")).run(all.toArray(String[]::new));

        assertThat(result.code()).as(result.err()).isIn(2, 7);
        assertThat(result.err()).startsWith("error: ");
        assertThat(result.err().lines().count()).isLessThanOrEqualTo(2);
        try (Stream<Path> left = list(dir)) {
            assertThat(left).as("files left by %s", args).isEmpty();
        }
    }

    @Test
    void aBadRunstoreEnvIsRefusedBeforeTheDatabaseIsCreated() {
        for (List<String> args : List.of(List.of("ingest", "--run", "r"), List.of("demo"), List.of("migrate"))) {
            List<String> all = new ArrayList<>(List.of("--db=" + dir.resolve("env.db")));
            all.addAll(args);

            Cli.Result result = new Cli()
                    .env("RUNSTORE_ENV", "staging")
                    .stdin(String.format(LINE, 1, ""))
                    .run(all.toArray(String[]::new));

            assertThat(result.code()).as("%s: %s", args, result.err()).isEqualTo(2);
            assertThat(result.err()).startsWith("error: RUNSTORE_ENV must be development, test or production");
            assertThat(dir.resolve("env.db")).doesNotExist();
        }
    }

    @Test
    void aTargetVersionIsComparedAsAVersion() {
        Cli.Result result = new Cli().run("--db=" + dir.resolve("v.db"), "migrate", "--target", "1.0");

        assertThat(result.code()).as(result.err()).isZero();
    }

    static Stream<String> payloadsWithoutCanonicalForm() {
        return Stream.of(",\"payload\":{\"x\":1e400}", ",\"payload\":{\"x\":\"\\ud800\"}", ",\"payload\":[-1e999]");
    }

    @ParameterizedTest
    @MethodSource("payloadsWithoutCanonicalForm")
    void aPayloadWithoutCanonicalFormIsItsLinesErrorAndEarlierBatchesStay(String payload) throws Exception {
        String input = String.format(LINE, 1, "") + String.format(LINE, 2, "") + String.format(LINE, 3, payload);

        Cli.Result result = ingest(input, "--batch", "1");

        assertThat(result.code()).as(result.err()).isEqualTo(7);
        assertThat(result.err()).startsWith("error: line 3: ").contains("(events stored before it: 2;");
        assertThat(seqs()).containsExactly(1L, 2L);
    }

    @Test
    void loneSurrogatesInMessageOrKindAreRefusedNotStoredAsQuestionMarks() throws Exception {
        String input = String.format(LINE, 1, ",\"message\":\"ok\"")
                + "{\"seq\":2,\"ts\":\"2026-11-27T09:00:00Z\",\"level\":\"info\",\"kind\":\"k\",\"message\":\"a\\udc00b\"}\n"
                + "{\"seq\":3,\"ts\":\"2026-11-27T09:00:00Z\",\"level\":\"info\",\"kind\":\"\\ud83d\"}\n";

        Cli.Result first = ingest(input);
        Cli.Result again = ingest(input);
        Cli.Result kind = ingest(String.format(LINE, 1, ",\"message\":\"ok\"")
                + "{\"seq\":3,\"ts\":\"2026-11-27T09:00:00Z\",\"level\":\"info\",\"kind\":\"\\ud83d\"}\n");

        assertThat(first.code()).isEqualTo(7);
        assertThat(first.err()).startsWith("error: line 2: message has an unpaired surrogate (U+DC00)");
        assertThat(again.code())
                .as("the same input again is the same error, not a conflict")
                .isEqualTo(7);
        assertThat(kind.err()).startsWith("error: line 2: kind has an unpaired surrogate (U+D83D)");
        assertThat(seqs()).containsExactly(1L);
    }

    @Test
    void aHugeLineIsRefusedAtTheLimitWithoutReadingItAll() throws Exception {
        AtomicLong consumed = new AtomicLong();
        long size = 300L * 1024 * 1024;
        InputStream endless = new InputStream() {
            @Override
            public int read() {
                return consumed.incrementAndGet() <= size ? 'x' : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                long left = size - consumed.get();
                if (left <= 0) {
                    return -1;
                }
                int n = (int) Math.min(len, left);
                java.util.Arrays.fill(b, off, off + n, (byte) 'x');
                consumed.addAndGet(n);
                return n;
            }
        };
        byte[] first = String.format(LINE, 1, "").getBytes(StandardCharsets.UTF_8);
        InputStream input = new java.io.SequenceInputStream(new java.io.ByteArrayInputStream(first), endless);

        Cli.Result result = new Cli().stdin(input).run("--db=" + dir.resolve("r.db"), "ingest", "--run", "r");

        assertThat(result.code()).as(result.err()).isEqualTo(7);
        assertThat(result.err()).startsWith("error: line 2: longer than 16 MiB, the limit for one line");
        assertThat(consumed.get()).isLessThanOrEqualTo(JsonLines.DEFAULT_MAX_LINE_BYTES + 64 * 1024);
        assertThat(seqs()).containsExactly(1L);
    }

    @Test
    void canonRefusesAHugeLineOrDocumentTheSameWay() {
        byte[] big = new byte[JsonLines.DEFAULT_MAX_LINE_BYTES + 1];
        java.util.Arrays.fill(big, (byte) ' ');

        Cli.Result lines = new Cli().stdin(big).run("canon", "--lines");
        Cli.Result document = new Cli().stdin(big).run("canon");

        assertThat(lines.code()).isEqualTo(7);
        assertThat(lines.err()).startsWith("error: line 1: longer than 16 MiB");
        assertThat(document.code()).isEqualTo(7);
        assertThat(document.err()).startsWith("error: the input is larger than 16 MiB");
    }

    @Test
    void controlCharactersFromTheDatabaseNeverReachTheTerminal() throws Exception {
        Path db = dir.resolve("hostile.db");
        String hostile = "x\u001b]2;pwned\u0007\u001b[2J\u009b31m\u007f";
        try (Database database = Database.open(db)) {
            new Migrator(Environment.TEST).migrate(database);
            database.useWrite(h -> h.execute("CREATE TABLE \"" + hostile + "\" (id INTEGER)"));
            new Runs(database).create(new NewRun(hostile, hostile, Map.of(), Instant.now()));
        }

        Cli.Result counts = new Cli().run("--db=" + db, "counts");
        Cli.Result runs = new Cli().run("--db=" + db, "runs");
        Cli.Result missing = new Cli().run("--db=" + db, "events", "--run", hostile + "-missing");

        String escaped = "x\\x1b]2;pwned\\x07\\x1b[2J\\u009b31m\\x7f";
        assertThat(counts.out()).contains(escaped);
        assertThat(runs.out()).contains(escaped);
        assertThat(missing.err()).startsWith("error: ").contains(escaped);
        for (String text : List.of(counts.out(), runs.out(), missing.err())) {
            assertThat(text.chars().filter(c -> (c < 0x20 && c != '\n') || (c >= 0x7f && c <= 0x9f)))
                    .as(text)
                    .isEmpty();
        }
    }

    static Stream<String> corruptions() {
        return Stream.of(
                "UPDATE events SET payload = '{bad' WHERE seq = 1", "UPDATE events SET ts = 'yesterday' WHERE seq = 1");
    }

    @ParameterizedTest
    @MethodSource("corruptions")
    void aCorruptRowIsAnIncompatibleDatabaseNotAUsageError(String corruption) throws Exception {
        assertThat(ingest(String.format(LINE, 1, ",\"payload\":{\"a\":1}")).code())
                .isZero();
        try (Connection plain = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("i.db"));
                Statement sql = plain.createStatement()) {
            sql.execute("PRAGMA ignore_check_constraints = ON");
            sql.execute(corruption);
        }

        Cli.Result events = new Cli().run("--db=" + dir.resolve("i.db"), "events", "--json");

        assertThat(events.code()).as(events.err()).isEqualTo(8);
        assertThat(events.err())
                .startsWith("error: the events row with id 1 has a ")
                .contains("runstore cannot read")
                .doesNotContain("{bad", "yesterday");
    }

    private Cli.Result ingest(String input, String... more) {
        List<String> args = new ArrayList<>(List.of("--db=" + dir.resolve("i.db"), "ingest", "--run", "r"));
        args.addAll(List.of(more));
        return new Cli().stdin(input).run(args.toArray(String[]::new));
    }

    private List<Long> seqs() throws Exception {
        return StoredSeqs.of(Files.exists(dir.resolve("i.db")) ? dir.resolve("i.db") : dir.resolve("r.db"));
    }

    private static Stream<Path> list(Path folder) {
        try {
            return Files.list(folder);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
