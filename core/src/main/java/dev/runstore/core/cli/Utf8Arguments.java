package dev.runstore.core.cli;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Command-line arguments as UTF-8 whatever the locale. JDK 17 decodes argv with the locale's
 * charset (ASCII under {@code LANG=C}, common in containers and cron), turning a run name like
 * "café" into replacement characters before main sees it. On Linux the raw bytes are still in
 * /proc/self/cmdline; the last {@code args.length} entries are the program's arguments.
 */
final class Utf8Arguments {
    private Utf8Arguments() {}

    static String[] of(String[] args) {
        String jnu = System.getProperty("sun.jnu.encoding", "UTF-8");
        if (args.length == 0 || Charset.forName(jnu).equals(StandardCharsets.UTF_8)) {
            return args;
        }
        try {
            byte[] raw = Files.readAllBytes(Path.of("/proc/self/cmdline"));
            List<String> entries = new ArrayList<>();
            int start = 0;
            for (int i = 0; i < raw.length; i++) {
                if (raw[i] == 0) {
                    entries.add(new String(raw, start, i - start, StandardCharsets.UTF_8));
                    start = i + 1;
                }
            }
            if (entries.size() < args.length) {
                return args;
            }
            List<String> tail = entries.subList(entries.size() - args.length, entries.size());
            for (int i = 0; i < args.length; i++) {
                // Only swap in an entry that decodes to the same ASCII skeleton, so nothing shifts.
                if (!sameAscii(args[i], tail.get(i))) {
                    return args;
                }
            }
            return tail.toArray(String[]::new);
        } catch (IOException | RuntimeException e) {
            return args; // not Linux, or /proc unavailable: keep what the JVM decoded
        }
    }

    private static boolean sameAscii(String decoded, String utf8) {
        return ascii(decoded).equals(ascii(utf8));
    }

    private static String ascii(String text) {
        StringBuilder kept = new StringBuilder();
        text.codePoints().filter(c -> c < 0x80).forEach(kept::appendCodePoint);
        return kept.toString();
    }
}
