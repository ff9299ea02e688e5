package dev.runstore.core.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UtcTimeTest {
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(textBlock = """
            2026-11-27T09:27:09.123456Z,    2026-11-27T09:27:09.123456+00:00
            2026-11-27T09:27:09Z,           2026-11-27T09:27:09+00:00
            2026-11-27T09:27:09.5Z,         2026-11-27T09:27:09.500000+00:00
            2026-11-27T09:27:09.000001Z,    2026-11-27T09:27:09.000001+00:00
            0001-01-01T00:00:00Z,           0001-01-01T00:00:00+00:00
            """)
    void isoTextIsWhatPythonsIsoformatPrints(String instant, String python) {
        assertThat(UtcTime.toIso(Instant.parse(instant))).isEqualTo(python);
    }

    @Test
    void subMicrosecondDigitsAreTruncatedTowardThePast() {
        assertThat(UtcTime.toIso(Instant.parse("2026-11-27T09:27:09.123456999Z")))
                .isEqualTo("2026-11-27T09:27:09.123456+00:00");
        assertThat(UtcTime.toIso(Instant.parse("1969-12-31T23:59:59.999999999Z")))
                .isEqualTo("1969-12-31T23:59:59.999999+00:00");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(textBlock = """
            2026-11-27T09:27:09.123456+00:00
            2026-11-27T09:27:09.123456Z
            2026-11-27T15:12:09.123456+05:45
            2026-11-27T05:57:09.123456-03:30
            2026-11-27 09:27:09.123456+00:00
            2026-11-27T09:27:09.123456+0000
            """)
    void isoTextWithAnyOffsetReadsBackAsTheSameUtcInstant(String text) {
        assertThat(UtcTime.parseIso(text)).isEqualTo(Instant.parse("2026-11-27T09:27:09.123456Z"));
    }

    @Test
    void isoTextWithoutAnOffsetIsRefused() {
        assertThatThrownBy(() -> UtcTime.parseIso("2026-11-27T09:27:09"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("has no UTC offset");
    }

    @Test
    void textThatIsNotATimeIsRefusedWithTheExpectedForm() {
        assertThatThrownBy(() -> UtcTime.parseIso("yesterday"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("write it as 2026-11-27T09:27:09.123456+00:00");
    }

    @Test
    void sqlTextAlwaysHasSixFractionDigits() {
        assertThat(UtcTime.toSqlText(Instant.parse("2026-11-27T09:27:09Z"))).isEqualTo("2026-11-27 09:27:09.000000");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(textBlock = """
            2026-11-27 09:27:09.123456
            2026-11-27 09:27:09.1234569
            2026-11-27T09:27:09.123456
            2026-11-27 10:27:09.123456+01:00
            """)
    void sqlTextReadsAsUtc(String text) {
        assertThat(UtcTime.parseSqlText(text)).isEqualTo(Instant.parse("2026-11-27T09:27:09.123456Z"));
    }

    @Test
    void pythonsDefaultAdapterTextWithoutFractionReads() {
        assertThat(UtcTime.parseSqlText("2026-11-27 09:27:09")).isEqualTo(Instant.parse("2026-11-27T09:27:09Z"));
    }

    @Test
    void yearsOutsidePythonsRangeAreRefused() {
        assertThatThrownBy(() -> UtcTime.toIso(Instant.parse("+10000-01-01T00:00:00Z")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("outside years 1..9999");
    }
}
