package dev.runstore.core.bench;

import java.util.Arrays;

/** Latency samples in nanoseconds, summarized as milliseconds. */
final class Stats {
    private long[] samples = new long[1024];
    private int count;

    synchronized void add(long nanos) {
        if (count == samples.length) {
            samples = Arrays.copyOf(samples, count * 2);
        }
        samples[count++] = nanos;
    }

    synchronized void addAll(Stats other) {
        for (int i = 0; i < other.count; i++) {
            add(other.samples[i]);
        }
    }

    synchronized int count() {
        return count;
    }

    synchronized double percentileMillis(double p) {
        if (count == 0) {
            return 0;
        }
        long[] sorted = Arrays.copyOf(samples, count);
        Arrays.sort(sorted);
        int index = (int) Math.min(count - 1, Math.ceil(p / 100.0 * count) - 1);
        return sorted[Math.max(0, index)] / 1e6;
    }

    static double median(double... values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
