package dev.runstore.core.json;

import dev.runstore.core.error.InvalidInputException;
import dev.runstore.core.error.InvalidUtf8Exception;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Objects;

/**
 * Reads JSON Lines from bytes: one line at a time (split on '\n', a trailing '\r' dropped), each
 * decoded as strict UTF-8 and bounded in length, so a malformed byte is refused with its line and
 * position instead of becoming U+FFFD, and a line of hundreds of megabytes is refused before it is
 * held in memory. Not thread-safe; does not close the stream.
 */
public final class JsonLines {
    /** The longest line (and the largest whole document) runstore reads by default: 16 MiB. */
    public static final int DEFAULT_MAX_LINE_BYTES = 16 * 1024 * 1024;

    private final InputStream in;
    private final int maxLineBytes;
    private final byte[] buffer = new byte[64 * 1024];
    private int position;
    private int limit;
    private boolean endOfInput;
    private byte[] line = new byte[8 * 1024];
    private long number;

    public JsonLines(InputStream in, int maxLineBytes) {
        this.in = Objects.requireNonNull(in, "in");
        if (maxLineBytes < 1) {
            throw new IllegalArgumentException("maxLineBytes must be at least 1 (was " + maxLineBytes + ")");
        }
        this.maxLineBytes = maxLineBytes;
    }

    public JsonLines(InputStream in) {
        this(in, DEFAULT_MAX_LINE_BYTES);
    }

    /**
     * The next line's text, or null at the end of input.
     *
     * @throws InvalidUtf8Exception when the line is not well-formed UTF-8 or starts with a
     *     byte-order mark
     * @throws InvalidInputException when the line is longer than the limit
     * @throws UncheckedIOException when the stream cannot be read
     */
    public String next() {
        int length = 0;
        boolean any = false;
        while (true) {
            if (position == limit && !fill()) {
                if (!any) {
                    return null;
                }
                break; // the last line has no '\n'
            }
            any = true;
            int newline = indexOf(buffer, position, limit, (byte) '\n');
            int end = newline < 0 ? limit : newline;
            int chunk = end - position;
            if ((long) length + chunk > maxLineBytes) {
                throw tooLong(number + 1);
            }
            if (length + chunk > line.length) {
                line = Arrays.copyOf(line, Math.min(maxLineBytes, Math.max(line.length * 2, length + chunk)));
            }
            System.arraycopy(buffer, position, line, length, chunk);
            length += chunk;
            position = end;
            if (newline >= 0) {
                position++; // past the '\n'
                break;
            }
        }
        number++;
        if (length > 0 && line[length - 1] == '\r') {
            length--;
        }
        return StrictUtf8.decodeLine(line, 0, length, number);
    }

    /**
     * Whether a line holds nothing but JSON's own whitespace (space, tab, carriage return): such
     * lines are skipped. Other characters, Unicode spaces included, are the line's content.
     */
    public static boolean isBlank(String line) {
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c != ' ' && c != '\t' && c != '\r') {
                return false;
            }
        }
        return true;
    }

    /** The number of the line {@link #next} returned last (0 before the first). */
    public long lineNumber() {
        return number;
    }

    /**
     * All of {@code in} as one document of strict UTF-8 text, at most {@code maxBytes} long.
     *
     * @throws InvalidUtf8Exception naming the line and byte of the first malformed sequence
     * @throws InvalidInputException when the input is larger than {@code maxBytes}
     */
    public static String readDocument(InputStream in, int maxBytes) {
        byte[] bytes;
        try {
            bytes = in.readNBytes(maxBytes);
            if (bytes.length == maxBytes && in.read() != -1) {
                throw new InvalidInputException("the input is larger than " + describe(maxBytes)
                        + ", the limit for one JSON document; split it into smaller documents");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the input", e);
        }
        return StrictUtf8.decodeDocument(bytes);
    }

    private boolean fill() {
        if (endOfInput) {
            return false;
        }
        try {
            int read;
            do {
                read = in.read(buffer, 0, buffer.length);
            } while (read == 0);
            if (read < 0) {
                endOfInput = true;
                return false;
            }
            position = 0;
            limit = read;
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the input at line " + (number + 1), e);
        }
    }

    private InvalidInputException tooLong(long lineNumber) {
        return new InvalidInputException("line " + lineNumber + ": longer than " + describe(maxLineBytes)
                + ", the limit for one line; store large data out of band, or split the line");
    }

    private static String describe(int bytes) {
        return bytes % (1024 * 1024) == 0 ? bytes / (1024 * 1024) + " MiB" : bytes + " bytes";
    }

    private static int indexOf(byte[] bytes, int from, int to, byte value) {
        for (int i = from; i < to; i++) {
            if (bytes[i] == value) {
                return i;
            }
        }
        return -1;
    }
}
