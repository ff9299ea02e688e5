package dev.runstore.core.json;

import dev.runstore.core.error.InvalidUtf8Exception;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Decodes UTF-8 and refuses, as Python's decoder does, what is not well-formed: invalid start
 * bytes, lone continuation bytes, overlong forms, encoded surrogates, code points above U+10FFFF
 * and a sequence cut short. Java's {@code new String(bytes, UTF_8)} would turn each into U+FFFD
 * without a word, so the stored text (and its hash) would describe bytes nobody wrote.
 * Noncharacters (U+FFFF, U+10FFFF, …) are well-formed and pass unchanged.
 */
public final class StrictUtf8 {
    private static final char BYTE_ORDER_MARK = '\uFEFF';

    private StrictUtf8() {}

    /**
     * The text of one line ({@code length} bytes from {@code offset}); a line may not start with a
     * byte-order mark, as Python's {@code json.loads} refuses one.
     *
     * @throws InvalidUtf8Exception naming {@code lineNumber} and the first bad byte
     */
    public static String decodeLine(byte[] bytes, int offset, int length, long lineNumber) {
        // The fast path: Java's decoder is intrinsic; only a U+FFFD in its result (a replaced byte,
        // or a real U+FFFD in the input) needs the strict decoder to tell which.
        String text = new String(bytes, offset, length, StandardCharsets.UTF_8);
        if (text.indexOf('\uFFFD') >= 0) {
            int bad = firstMalformed(bytes, offset, length);
            if (bad >= 0) {
                throw new InvalidUtf8Exception(lineNumber, bad - offset + 1, bytes[bad], false);
            }
        }
        if (!text.isEmpty() && text.charAt(0) == BYTE_ORDER_MARK) {
            throw new InvalidUtf8Exception(lineNumber, 1, bytes[offset], true);
        }
        return text;
    }

    /** A whole document: errors name the line (counted by '\n') and the byte within it. */
    static String decodeDocument(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        if (text.indexOf('\uFFFD') >= 0) {
            int bad = firstMalformed(bytes, 0, bytes.length);
            if (bad >= 0) {
                long line = 1;
                int lineStart = 0;
                for (int i = 0; i < bad; i++) {
                    if (bytes[i] == '\n') {
                        line++;
                        lineStart = i + 1;
                    }
                }
                throw new InvalidUtf8Exception(line, bad - lineStart + 1, bytes[bad], false);
            }
        }
        if (!text.isEmpty() && text.charAt(0) == BYTE_ORDER_MARK) {
            throw new InvalidUtf8Exception(1, 1, bytes[0], true);
        }
        return text;
    }

    /** The index of the first byte of the first malformed sequence, or -1 when there is none. */
    private static int firstMalformed(byte[] bytes, int offset, int length) {
        CharsetDecoder decoder = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, offset, length);
        CharBuffer out = CharBuffer.allocate(Math.min(length, 8192) + 2);
        while (true) {
            CoderResult result = decoder.decode(in, out, true);
            if (result.isError()) {
                return in.position();
            }
            if (result.isUnderflow()) {
                return decoder.flush(out).isError() ? in.position() : -1;
            }
            out.clear(); // overflow: only the position matters, not the characters
        }
    }
}
