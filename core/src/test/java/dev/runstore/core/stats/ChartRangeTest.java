package dev.runstore.core.stats;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runstore.core.stats.EventRates.By;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ChartRangeTest {
    private static final Instant NOW = Instant.parse("2026-11-27T09:27:41.5Z");

    @Test
    void eachRangeStartsOnAWholeBucket() {
        assertThat(ChartRange.HOUR.since(NOW)).contains(Instant.parse("2026-11-27T08:27:00Z"));
        assertThat(ChartRange.SIX_HOURS.since(NOW)).contains(Instant.parse("2026-11-27T03:27:00Z"));
        assertThat(ChartRange.DAY.since(NOW)).contains(Instant.parse("2026-11-26T09:00:00Z"));
        assertThat(ChartRange.WEEK.since(NOW)).contains(Instant.parse("2026-11-20T09:00:00Z"));
        assertThat(ChartRange.ALL.since(NOW)).isEmpty();
        assertThat(ChartRange.values())
                .extracting(ChartRange::by)
                .containsExactly(By.MINUTE, By.MINUTE, By.HOUR, By.HOUR, By.DAY);
    }

    @Test
    void aRunsBucketsFollowItsLength() {
        assertThat(ChartRange.byForSpan(Duration.ofMinutes(3))).isEqualTo(By.MINUTE);
        assertThat(ChartRange.byForSpan(Duration.ofHours(6))).isEqualTo(By.MINUTE);
        assertThat(ChartRange.byForSpan(Duration.ofHours(7))).isEqualTo(By.HOUR);
        assertThat(ChartRange.byForSpan(Duration.ofDays(20))).isEqualTo(By.DAY);
        assertThat(ChartRange.ofLabel("7 d")).isEqualTo(ChartRange.WEEK);
        assertThat(ChartRange.ofLabel("nonsense")).isEqualTo(ChartRange.DAY);
    }
}
