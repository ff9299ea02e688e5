package dev.runstore.core.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runstore.core.error.InvalidInputException;
import dev.runstore.core.error.InvalidUtf8Exception;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The library side of strict input: JsonLines and CanonicalJson.parse(byte[]). */
class JsonLinesTest {
    private static List<String> lines(byte[] input, int max) {
        JsonLines reader = new JsonLines(new ByteArrayInputStream(input), max);
        List<String> lines = new ArrayList<>();
        for (String line; (line = reader.next()) != null; ) {
            lines.add(line);
        }
        return lines;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void splitsOnNewlineDropsACarriageReturnBeforeItAndKeepsALastLineWithoutOne() {
        assertThat(lines(utf8("a\r\n\nb\rc\n\u2028d"), 100)).containsExactly("a", "", "b\rc", "\u2028d");
        assertThat(lines(utf8(""), 100)).isEmpty();
        assertThat(lines(utf8("\n"), 100)).containsExactly("");
    }

    @Test
    void aLineAtTheLimitPassesAndOneByteMoreIsRefusedNamingTheLine() {
        assertThat(lines(utf8("12345\n123456\n"), 6)).containsExactly("12345", "123456");
        assertThatThrownBy(() -> lines(utf8("ok\n1234567\n"), 6))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("line 2: longer than 6 bytes, the limit for one line; store large data out of band, or"
                        + " split the line");
    }

    @Test
    void aLongLineAcrossManyBufferFillsIsReadWhole() {
        String big = "x".repeat(200_000) + "é";
        assertThat(lines(utf8(big + "\nend"), 1 << 20)).containsExactly(big, "end");
    }

    @ParameterizedTest
    @CsvSource({
        "e9, 0xE9",
        "80, 0x80",
        "c0af, 0xC0",
        "eda080, 0xED",
        "f4908080, 0xF4",
        "ff, 0xFF",
        "e282, 0xE2",
        "f08080af, 0xF0"
    })
    void malformedUtf8IsRefusedWithItsLineAndByte(String hex, String named) {
        byte[] input = concat(utf8("{}\n\"ab"), HexFormat.of().parseHex(hex));

        assertThatThrownBy(() -> lines(input, 100))
                .isInstanceOfSatisfying(InvalidUtf8Exception.class, e -> {
                    assertThat(e.line()).isEqualTo(2);
                    assertThat(e.byteInLine()).isEqualTo(4);
                })
                .hasMessage("line 2: invalid UTF-8 at byte 4 (" + named + ")");
        assertThatThrownBy(() -> CanonicalJson.parse(input))
                .isInstanceOf(InvalidUtf8Exception.class)
                .hasMessage("line 2: invalid UTF-8 at byte 4 (" + named + ")");
    }

    @Test
    void aRealReplacementCharacterAndNoncharactersPassUnchanged() {
        String text = "\"\uFFFD \uFFFF \uDBFF\uDFFF \uFDD0\"";
        assertThat(lines(utf8(text), 100)).containsExactly(text);
        assertThat(CanonicalJson.parse(utf8(text)).textValue()).isEqualTo(text.substring(1, text.length() - 1));
    }

    @Test
    void aByteOrderMarkIsRefusedAsPythonDoes() {
        byte[] input = concat(HexFormat.of().parseHex("efbbbf"), utf8("{}"));

        assertThatThrownBy(() -> CanonicalJson.parse(input))
                .isInstanceOfSatisfying(
                        InvalidUtf8Exception.class,
                        e -> assertThat(e.byteOrderMark()).isTrue())
                .hasMessageStartingWith("line 1: unexpected UTF-8 byte-order mark at byte 1");
        assertThatThrownBy(() -> lines(concat(utf8("{}\n"), input), 100))
                .hasMessageStartingWith("line 2: unexpected UTF-8 byte-order mark");
    }

    @Test
    void invalidJsonFromBytesIsInvalidInputToo() {
        assertThatThrownBy(() -> CanonicalJson.parse(utf8("{bad")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("not valid JSON");
        assertThatThrownBy(() -> CanonicalJson.parse(new ByteArrayInputStream(utf8("[1,"))))
                .isInstanceOf(InvalidInputException.class);
    }

    @Test
    void onlyJsonWhitespaceMakesALineBlank() {
        assertThat(JsonLines.isBlank(" \t\r")).isTrue();
        assertThat(JsonLines.isBlank("\u2028")).isFalse();
        assertThat(JsonLines.isBlank("\u00A0")).isFalse();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = new byte[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
