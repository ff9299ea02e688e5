package dev.runstore.desktop.format;

import java.util.Locale;

/** Counts as the console shows them: {@code 1,000,000}, a comma every three digits in every locale. */
public final class Counts {
    private Counts() {}

    public static String of(long count) {
        return String.format(Locale.ROOT, "%,d", count);
    }

    /** {@code 1 event}, {@code 12 events}. */
    public static String of(long count, String singular, String plural) {
        return of(count) + " " + (count == 1 ? singular : plural);
    }
}
