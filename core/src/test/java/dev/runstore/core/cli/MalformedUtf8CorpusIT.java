package dev.runstore.core.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runstore.core.cli.CliJar.Run;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Malformed UTF-8 through the real CLI jar: every kind Python's decoder refuses, in a message, in a
 * key, in a payload string and at the very end of the input, is refused with exit 7 naming the line
 * and the byte, and nothing of that line is stored. Valid edge cases pass byte for byte.
 */
class MalformedUtf8CorpusIT {
    private static final String GOOD_LINE =
            "{\"seq\":1,\"ts\":\"2026-11-27T09:00:00Z\",\"level\":\"info\",\"kind\":\"k\",\"message\":\"ok\"}";
    private static final String LINE_START =
            "{\"seq\":2,\"ts\":\"2026-11-27T09:00:01Z\",\"level\":\"info\",\"kind\":\"k\",";

    @TempDir
    Path dir;

    /** The kinds of malformed UTF-8; the first byte is the one the error must name. */
    static Stream<Arguments> kinds() {
        return Stream.of(
                Arguments.of("latin-1 é", "e9"),
                Arguments.of("lone continuation byte", "80"),
                Arguments.of("invalid start byte", "ff"),
                Arguments.of("overlong 2-byte slash", "c0af"),
                Arguments.of("overlong 3-byte", "e080af"),
                Arguments.of("overlong 4-byte", "f08080af"),
                Arguments.of("encoded surrogate U+D800", "eda080"),
                Arguments.of("above U+10FFFF", "f4908080"),
                Arguments.of("5-byte form", "f888808080"),
                Arguments.of("truncated 3-byte sequence", "e282"));
    }

    enum Place {
        MESSAGE,
        KEY,
        PAYLOAD_STRING,
        END_OF_INPUT
    }

    static Stream<Arguments> kindsInEveryPlace() {
        return kinds().flatMap(kind ->
                Stream.of(Place.values()).map(place -> Arguments.of(kind.get()[0], kind.get()[1], place)));
    }

    /** The bad line: its bytes and where (from 1) the bad bytes start. */
    record BadLine(byte[] bytes, int badAt) {}

    static BadLine badLine(byte[] bad, Place place) {
        String before = switch (place) {
            case MESSAGE -> LINE_START + "\"message\":\"caf";
            case KEY -> LINE_START + "\"payload\":{\"k";
            case PAYLOAD_STRING -> LINE_START + "\"payload\":{\"s\":\"x";
            case END_OF_INPUT -> LINE_START + "\"message\":\"unterminated ";
        };
        String after = switch (place) {
            case MESSAGE -> "\"}";
            case KEY -> "\":1}}";
            case PAYLOAD_STRING -> "\"}}";
            case END_OF_INPUT -> "";
        };
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        line.writeBytes(before.getBytes(StandardCharsets.UTF_8));
        line.writeBytes(bad);
        line.writeBytes(after.getBytes(StandardCharsets.UTF_8));
        return new BadLine(line.toByteArray(), before.length() + 1);
    }

    static byte[] input(BadLine bad, boolean newlineAtEnd) {
        ByteArrayOutputStream input = new ByteArrayOutputStream();
        input.writeBytes((GOOD_LINE + "\n").getBytes(StandardCharsets.UTF_8));
        input.writeBytes(bad.bytes());
        if (newlineAtEnd) {
            input.writeBytes("\n".getBytes(StandardCharsets.UTF_8));
        }
        return input.toByteArray();
    }

    @ParameterizedTest(name = "{0} in {2}")
    @MethodSource("kindsInEveryPlace")
    void ingestRefusesTheLineNamingLineAndByteAndStoresNothingOfIt(String kind, String hex, Place place)
            throws Exception {
        byte[] bad = HexFormat.of().parseHex(hex);
        BadLine line = badLine(bad, place);
        String expected = "error: line 2: invalid UTF-8 at byte " + line.badAt() + " (0x"
                + hex.substring(0, 2).toUpperCase() + ")";

        Run ingest = new CliJar(dir)
                .run(
                        Map.of(),
                        input(line, place != Place.END_OF_INPUT),
                        "--db=u.db",
                        "ingest",
                        "--run",
                        "r",
                        "--batch",
                        "1");

        assertThat(ingest.code()).as(ingest.err()).isEqualTo(7);
        assertThat(ingest.errLines()).hasSize(2);
        assertThat(ingest.errLines().get(0)).startsWith(expected + " (events stored before it: 1;");
        assertThat(ingest.errLines().get(1)).startsWith("hint: ").contains("iconv -f ISO-8859-1 -t UTF-8");
        assertThat(StoredSeqs.of(dir.resolve("u.db"))).containsExactly(1L);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void canonRefusesLinesAndDocumentsNamingLineAndByte(String kind, String hex) {
        BadLine line = badLine(HexFormat.of().parseHex(hex), Place.MESSAGE);
        String expected = "error: line 2: invalid UTF-8 at byte " + line.badAt() + " (0x"
                + hex.substring(0, 2).toUpperCase() + ")";
        CliJar cli = new CliJar(dir);

        Run lines = cli.run(Map.of(), input(line, true), "canon", "--lines");
        Run document = cli.run(Map.of(), input(line, true), "canon");

        assertThat(lines.code()).as(lines.err()).isEqualTo(7);
        assertThat(lines.errLines().get(0)).isEqualTo(expected);
        assertThat(lines.out()).isEqualTo(canonical(GOOD_LINE) + "\n");
        assertThat(document.code()).as(document.err()).isEqualTo(7);
        assertThat(document.errLines().get(0)).isEqualTo(expected);
        assertThat(document.out()).isEmpty();
        for (Run run : List.of(lines, document)) {
            assertThat(run.errLines()).hasSize(2);
            assertThat(run.errLines().get(1)).startsWith("hint: ").contains("iconv");
        }
    }

    @Test
    void aByteOrderMarkIsRefusedAsPythonRefusesItWithAHintThatNamesIt() throws Exception {
        byte[] bom = HexFormat.of().parseHex("efbbbf");
        ByteArrayOutputStream input = new ByteArrayOutputStream();
        input.writeBytes(bom);
        input.writeBytes((GOOD_LINE + "\n").getBytes(StandardCharsets.UTF_8));
        CliJar cli = new CliJar(dir);

        Run ingest = cli.run(Map.of(), input.toByteArray(), "--db=bom.db", "ingest", "--run", "r");
        Run canon = cli.run(Map.of(), input.toByteArray(), "canon");
        Run lines = cli.run(Map.of(), input.toByteArray(), "canon", "--lines");

        for (Run run : List.of(ingest, canon, lines)) {
            assertThat(run.code()).as(run.err()).isEqualTo(7);
            assertThat(run.errLines()).hasSize(2);
            assertThat(run.errLines().get(0))
                    .startsWith("error: line 1: unexpected UTF-8 byte-order mark at byte 1 (0xEF 0xBB 0xBF)");
            assertThat(run.errLines().get(1)).startsWith("hint: ").contains("byte-order mark");
        }
        assertThat(StoredSeqs.of(dir.resolve("bom.db"))).isEmpty();
    }

    @Test
    void paramsThatAreNotUtf8AreRefusedBeforeTheDatabaseIsCreated() throws Exception {
        Files.write(dir.resolve("params.bin"), HexFormat.of().parseHex("7b2261223a2263616ce9227d")); // {"a":"cal\xe9"}

        Run ingest = new CliJar(dir)
                .shell(
                        "exec \"$JAVA\" -jar \"$JAR\" --db=p.db ingest --run r --params \"$(cat params.bin)\" </dev/null");

        assertThat(ingest.code()).as(ingest.err()).isEqualTo(7);
        assertThat(ingest.errLines().get(0))
                .isEqualTo("error: --params: invalid UTF-8 at byte 10 (0xE9); arguments" + " must be UTF-8");
        assertThat(dir.resolve("p.db")).doesNotExist();
    }

    /** Valid UTF-8 at the edges: noncharacters, the last code point, astral, U+2028, a real U+FFFD. */
    static final List<String> VALID_EDGES = List.of(
            "\uFFFF",
            "\uFFFE",
            "\uFDD0",
            "\uDBFF\uDFFF",
            "\uD83D\uDE00",
            "\u2028\u2029",
            "\uFFFD",
            "a\uFEFFb",
            "\u0085\u00A0",
            "\u07FF\u0800",
            "\uD800\uDC00");

    @Test
    void validEdgeCasesAreStoredAndPrintedByteForByte() throws Exception {
        StringBuilder input = new StringBuilder();
        List<String> expectedMessages = new ArrayList<>();
        for (int i = 0; i < VALID_EDGES.size(); i++) {
            String text = VALID_EDGES.get(i);
            input.append("{\"seq\":")
                    .append(i + 1)
                    .append(",\"ts\":\"2026-11-27T09:00:00Z\",\"level\":\"info\",\"kind\":\"k")
                    .append(text)
                    .append("\",\"message\":\"")
                    .append(text)
                    .append("\",\"payload\":{\"")
                    .append(text)
                    .append("\":\"")
                    .append(text)
                    .append("\"}}\n");
            expectedMessages.add(text);
        }
        CliJar cli = new CliJar(dir);

        Run ingest = cli.run(Map.of(), input.toString(), "--db=v.db", "ingest", "--run", "edges");
        Run events = cli.run("--db=v.db", "events", "--run", "edges", "--limit", "100", "--json");
        Run canon = cli.run(Map.of(), input.toString(), "canon", "--lines");

        assertThat(ingest.code()).as(ingest.err()).isZero();
        List<String> messages = new ArrayList<>();
        events.json().forEach(e -> messages.add(e.get("message").textValue()));
        assertThat(messages).containsExactlyInAnyOrderElementsOf(expectedMessages);
        for (String text : VALID_EDGES) {
            byte[] utf8 = ("\"message\":\"" + text + "\"").getBytes(StandardCharsets.UTF_8);
            assertThat(CliJar.indexOf(events.stdout(), utf8))
                    .as("%s in the raw output", hex(text))
                    .isNotNegative();
        }
        assertThat(canon.code()).as(canon.err()).isZero();
        List<String> canonical = new ArrayList<>();
        input.toString().lines().forEach(l -> canonical.add(canonical(l)));
        assertThat(canon.stdout()).isEqualTo((String.join("\n", canonical) + "\n").getBytes(StandardCharsets.UTF_8));
        try (Connection plain = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("v.db"));
                Statement sql = plain.createStatement();
                ResultSet rs = sql.executeQuery("SELECT hex(message), hex(kind) FROM events ORDER BY seq")) {
            for (String text : VALID_EDGES) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo(hex(text));
                assertThat(rs.getString(2)).isEqualTo(hex("k" + text));
            }
        }
    }

    /** Canonical form of a line whose keys are already sorted: the same text without nothing to change. */
    private static String canonical(String line) {
        return dev.runstore.core.json.JsonText.parse(line).json();
    }

    private static String hex(String text) {
        return HexFormat.of().withUpperCase().formatHex(text.getBytes(StandardCharsets.UTF_8));
    }
}
