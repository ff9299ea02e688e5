package dev.runstore.desktop.format;

import java.util.Locale;

/** Sizes as the console shows them: {@code 512 B}, {@code 1.2 MiB}, {@code 5.0 GiB}. */
public final class Sizes {
    private Sizes() {}

    private static final String[] UNITS = {"KiB", "MiB", "GiB", "TiB"};

    /** "–" for an unknown size. */
    public static String of(Long bytes) {
        if (bytes == null) {
            return "–";
        }
        if (bytes < 1024) {
            return bytes + " B";
        }
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < UNITS.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, UNITS[unit]);
    }
}
