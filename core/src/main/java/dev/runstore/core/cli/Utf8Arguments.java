package dev.runstore.core.cli;

import dev.runstore.core.error.InvalidInputException;
import dev.runstore.core.error.InvalidUtf8Exception;
import dev.runstore.core.json.StrictUtf8;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Command-line arguments as strict UTF-8 whatever the locale. JDK 17 decodes argv with the
 * locale's charset (ASCII under {@code LANG=C}, common in containers and cron) and replaces what it
 * cannot decode, so a run name like "café" or a {@code --params} value in Latin-1 would reach the
 * commands as replacement characters. On Linux the raw bytes are still in /proc/self/cmdline (the
 * last {@code args.length} entries are the program's arguments): they are decoded strictly, and an
 * argument that is not UTF-8 is refused, naming its option and the byte.
 */
final class Utf8Arguments {
    private Utf8Arguments() {}

    /** @throws InvalidInputException when an argument's bytes are not well-formed UTF-8 */
    static String[] of(String[] args) {
        if (allAscii(args)) {
            return args; // the same in every charset
        }
        List<byte[]> raw;
        try {
            raw = entries(Files.readAllBytes(Path.of("/proc/self/cmdline")));
        } catch (IOException | RuntimeException e) {
            return args; // not Linux, or /proc unavailable: keep what the JVM decoded
        }
        if (raw.size() < args.length) {
            return args;
        }
        List<byte[]> tail = raw.subList(raw.size() - args.length, raw.size());
        String[] decoded = new String[args.length];
        for (int i = 0; i < args.length; i++) {
            byte[] bytes = tail.get(i);
            try {
                decoded[i] = StrictUtf8.decodeLine(bytes, 0, bytes.length, 1);
            } catch (InvalidUtf8Exception e) {
                if (!e.byteOrderMark()) {
                    // For --option=VALUE the byte is counted within VALUE, as for --option VALUE.
                    long at = e.byteInLine() - prefixBytes(args[i]);
                    throw new InvalidInputException(
                            name(args, i) + ": invalid UTF-8 at byte " + at
                                    + " (0x" + String.format("%02X", e.badByte())
                                    + "); arguments must be UTF-8",
                            e);
                }
                decoded[i] = new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
            }
            // Only swap in entries that decode to the same ASCII skeleton, so nothing shifts.
            if (!ascii(args[i]).equals(ascii(decoded[i]))) {
                return args;
            }
        }
        return decoded;
    }

    /** "--params" for the value of --params (given as "--params V" or "--params=V"), else "argument N". */
    private static String name(String[] args, int index) {
        String arg = args[index];
        if (arg.startsWith("--") && arg.indexOf('=') > 2) {
            return arg.substring(0, arg.indexOf('='));
        }
        if (index > 0 && args[index - 1].startsWith("-") && args[index - 1].indexOf('=') < 0) {
            return args[index - 1];
        }
        return "argument " + (index + 1);
    }

    private static int prefixBytes(String arg) {
        return arg.startsWith("--") && arg.indexOf('=') > 2 ? arg.indexOf('=') + 1 : 0;
    }

    private static List<byte[]> entries(byte[] cmdline) {
        List<byte[]> entries = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < cmdline.length; i++) {
            if (cmdline[i] == 0) {
                entries.add(java.util.Arrays.copyOfRange(cmdline, start, i));
                start = i + 1;
            }
        }
        return entries;
    }

    private static boolean allAscii(String[] args) {
        for (String arg : args) {
            if (!arg.chars().allMatch(c -> c < 0x80)) {
                return false;
            }
        }
        return true;
    }

    private static String ascii(String text) {
        StringBuilder kept = new StringBuilder();
        text.codePoints().filter(c -> c < 0x80).forEach(kept::appendCodePoint);
        return kept.toString();
    }
}
