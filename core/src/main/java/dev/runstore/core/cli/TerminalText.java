package dev.runstore.core.cli;

/**
 * Text from a database or from input, made safe to print for people: C0 controls, DEL and C1
 * controls are shown as escapes ({@code \x1b}, {@code \x7f}, {@code \u009b}) instead of reaching
 * the terminal, where a table or run named {@code "x\x1b]2;…\x07"} would retitle, clear or
 * reprogram the terminal of whoever lists it. JSON output needs none of this: it is canonical and
 * escapes C0 controls itself.
 */
final class TerminalText {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private TerminalText() {}

    static String escape(String text) {
        int first = firstControl(text);
        if (first < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 16).append(text, 0, first);
        for (int i = first; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                out.append("\\x").append(HEX[c >> 4]).append(HEX[c & 0xf]);
            } else if (c >= 0x80 && c <= 0x9f) {
                out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xf]);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static int firstControl(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) {
                return i;
            }
        }
        return -1;
    }
}
