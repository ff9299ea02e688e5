package dev.runstore.core.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CanonicalJsonTest {
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(textBlock = """
            1e16,                    1e+16
            1e15,                    1000000000000000.0
            1e-7,                    1e-07
            100,                     100.0
            0.1,                     0.1
            4.9e-324,                5e-324
            -0.0,                    -0.0
            0.0001,                  0.0001
            0.00001,                 1e-05
            1e23,                    1e+23
            1.7976931348623157e308,  1.7976931348623157e+308
            0.30000000000000004,     0.30000000000000004
            -123.456,                -123.456
            """)
    void doublesAreWrittenAsPythonsRepr(double value, String python) {
        assertThat(CanonicalJson.toJson(value)).isEqualTo(python);
    }

    @Test
    void keysAreOrderedByCodePointNotByUtf16Unit() {
        Map<String, Integer> map = new LinkedHashMap<>();
        map.put("\uD83D\uDE00", 1); // U+1F600: UTF-16 units D83D DE00 sort before U+FFFF by compareTo
        map.put("\uFFFF", 2);
        map.put("a", 3);

        assertThat(CanonicalJson.toJson(map)).isEqualTo("{\"a\":3,\"\uFFFF\":2,\"\uD83D\uDE00\":1}");
    }

    @Test
    void controlCharactersAreEscapedAsPythonDoesAndOtherTextIsKept() {
        String value = "\u0000\u001f\b\f\n\r\t\"\\/\u007f\u2028é😀";

        assertThat(CanonicalJson.toJson(value)).isEqualTo("\"\\u0000\\u001f\\b\\f\\n\\r\\t\\\"\\\\/\u007f\u2028é😀\"");
    }

    @Test
    void integersOfAnySizeAreWrittenAsDigits() {
        BigInteger big = new BigInteger("123456789012345678901234567890");

        assertThat(CanonicalJson.toJson(List.of(big, Long.MIN_VALUE, 7)))
                .isEqualTo("[" + big + ",-9223372036854775808,7]");
    }

    @Test
    void decimalsAndFloatsAreWrittenAsThePythonFloatOfTheirDecimal() {
        assertThat(CanonicalJson.toJson(List.of(new BigDecimal("1.10"), 0.1f))).isEqualTo("[1.1,0.1]");
    }

    @Test
    void aFloatIsItsShortestDecimalEvenWhereJdk17PrintsMoreDigits() {
        float value = Float.intBitsToFloat(0xce23684a); // JDK 17's Float.toString: -6.8538022E8
        assertThat(CanonicalJson.toJson(value)).isEqualTo("-685380200.0");
    }

    @Test
    void nanIsRefusedWithAClearMessage() {
        assertThatThrownBy(() -> CanonicalJson.toJson(Map.of("x", Double.NaN)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("NaN and Infinity have no JSON form");
    }

    @Test
    void infinityIsRefused() {
        assertThatThrownBy(() -> CanonicalJson.toJson(Double.POSITIVE_INFINITY))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not valid JSON");
    }

    @Test
    void anUnpairedSurrogateIsRefused() {
        assertThatThrownBy(() -> CanonicalJson.toJson("a\uD800b"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unpaired surrogate (U+D800) at index 1");
    }

    record Params(String name, int retries, Instant since, List<String> tags) {}

    @Test
    void recordsAreWrittenWithSortedKeysAndUtcTimes() {
        Params params = new Params("nightly", 3, Instant.parse("2026-11-27T09:27:09.123456Z"), List.of("b", "a"));

        assertThat(CanonicalJson.toJson(params))
                .isEqualTo("{\"name\":\"nightly\",\"retries\":3,\"since\":\"2026-11-27T09:27:09.123456+00:00\","
                        + "\"tags\":[\"b\",\"a\"]}");
    }

    @Test
    void aRecordReadsBackFromItsCanonicalJson() {
        Params params = new Params("nightly", 3, Instant.parse("2026-11-27T09:27:09.123456Z"), List.of("x"));

        assertThat(CanonicalJson.parse(CanonicalJson.toJson(params), Params.class))
                .isEqualTo(params);
    }

    @Test
    void zonedAndOffsetTimesAreWrittenInUtc() {
        ZonedDateTime kathmandu = ZonedDateTime.of(2026, 11, 27, 15, 12, 9, 0, ZoneId.of("Asia/Kathmandu"));
        OffsetDateTime stJohns =
                OffsetDateTime.of(2026, 11, 27, 5, 57, 9, 500_000_000, ZoneOffset.ofHoursMinutes(-3, -30));

        assertThat(CanonicalJson.toJson(List.of(kathmandu, stJohns)))
                .isEqualTo("[\"2026-11-27T09:27:09+00:00\",\"2026-11-27T09:27:09.500000+00:00\"]");
    }

    @Test
    void aLocalDateIsWrittenAsPythonsDateIsoformat() {
        assertThat(CanonicalJson.toJson(LocalDate.of(2026, 11, 27))).isEqualTo("\"2026-11-27\"");
    }

    @Test
    void aLocalDateTimeIsRefusedBecauseItsZoneIsUnknown() {
        assertThatThrownBy(() -> CanonicalJson.toJson(Map.of("at", LocalDateTime.of(2026, 11, 27, 9, 0))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("a LocalDateTime has no time zone");
    }

    @Test
    void invalidJsonFailsNamingThePosition() {
        assertThatThrownBy(() -> CanonicalJson.parse("{\"a\": 1,}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("not valid JSON at line 1, column");
    }

    @Test
    void trailingTextAfterTheValueIsInvalid() {
        assertThatThrownBy(() -> CanonicalJson.parse("1 2")).hasMessageStartingWith("not valid JSON");
    }

    @Test
    void theHashIsTheSha256OfTheCanonicalUtf8Bytes() {
        // printf '{"a":1,"b":[true,null]}' | sha256sum
        String expected = "1cc69c7fa23616ca2ec3ee70d24390a6225c8832db8a4c814c7e0e7f942f8668";

        Map<String, Object> value = new LinkedHashMap<>();
        value.put("b", java.util.Arrays.asList(true, null));
        value.put("a", 1);
        assertThat(CanonicalJson.sha256Hex(value)).isEqualTo(expected);
    }
}
