package dev.runstore.desktop.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class FormatTest {
    @Test
    void compactTimesAlwaysHaveMillisecondsAndSayUtc() {
        assertThat(Times.compact(Instant.parse("2026-11-27T10:15:59.5Z"))).isEqualTo("2026-11-27 10:15:59.500 UTC");
        assertThat(Times.compact(Instant.parse("2026-11-27T10:15:59Z"))).isEqualTo("2026-11-27 10:15:59.000 UTC");
        // Finer than a millisecond is cut, not rounded up into the next second.
        assertThat(Times.compact(Instant.parse("2026-11-27T10:15:59.999999Z")))
                .isEqualTo("2026-11-27 10:15:59.999 UTC");
        assertThat(Times.compact(null)).isEmpty();
    }

    @Test
    void isoTimesAreCoresFullForm() {
        assertThat(Times.iso(Instant.parse("2026-11-27T10:15:59.000123Z")))
                .isEqualTo("2026-11-27T10:15:59.000123+00:00");
        assertThat(Times.iso(null)).isEmpty();
    }

    @Test
    void countsUseCommasWhateverTheLocale() {
        Locale before = Locale.getDefault();
        try {
            Locale.setDefault(Locale.GERMANY);
            assertThat(Counts.of(1_000_000)).isEqualTo("1,000,000");
            assertThat(Counts.of(139_204)).isEqualTo("139,204");
            assertThat(Counts.of(7)).isEqualTo("7");
            assertThat(Counts.of(1, "event", "events")).isEqualTo("1 event");
            assertThat(Counts.of(12_000, "event", "events")).isEqualTo("12,000 events");
        } finally {
            Locale.setDefault(before);
        }
    }
}
