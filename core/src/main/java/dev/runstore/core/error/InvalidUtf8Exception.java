package dev.runstore.core.error;

import java.io.Serial;

/**
 * Input bytes are not well-formed UTF-8 (or start with a byte-order mark, which JSON text must not
 * have), so they were refused rather than decoded with replacement characters. The message names
 * the line and the byte: {@code line 3: invalid UTF-8 at byte 17 (0xE9)}.
 */
public final class InvalidUtf8Exception extends InvalidInputException {
    @Serial
    private static final long serialVersionUID = 1L;

    private final long line;
    private final long byteInLine;
    private final int badByte;
    private final boolean byteOrderMark;

    /**
     * @param line the line's number, from 1
     * @param byteInLine the first bad byte's position within the line, from 1 (as {@code cut -b}
     *     counts)
     * @param badByte that byte's value
     * @param byteOrderMark whether the bad bytes are a UTF-8 byte-order mark (EF BB BF) rather than
     *     malformed UTF-8
     */
    public InvalidUtf8Exception(long line, long byteInLine, int badByte, boolean byteOrderMark) {
        super(
                byteOrderMark
                        ? "line " + line + ": unexpected UTF-8 byte-order mark at byte " + byteInLine
                                + " (0xEF 0xBB 0xBF); JSON text must not start with one"
                        : "line " + line + ": invalid UTF-8 at byte " + byteInLine + " (0x"
                                + String.format("%02X", badByte & 0xff) + ")");
        this.line = line;
        this.byteInLine = byteInLine;
        this.badByte = badByte & 0xff;
        this.byteOrderMark = byteOrderMark;
    }

    /** The line's number, from 1. */
    public long line() {
        return line;
    }

    /** The first bad byte's position within its line, from 1. */
    public long byteInLine() {
        return byteInLine;
    }

    /** The value of the first bad byte (0 to 255). */
    public int badByte() {
        return badByte;
    }

    /** Whether the input was refused for a byte-order mark (not for malformed UTF-8). */
    public boolean byteOrderMark() {
        return byteOrderMark;
    }
}
