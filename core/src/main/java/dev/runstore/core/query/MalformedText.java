package dev.runstore.core.query;

import java.util.HexFormat;

/**
 * A TEXT value whose bytes are not valid UTF-8 (another program wrote them): shown for what it is,
 * never decoded into replacement characters that would look like real text.
 */
public record MalformedText(byte[] bytes) {
    public MalformedText {
        bytes = bytes.clone();
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    /** {@code invalid UTF-8: 68 69 ff} */
    @Override
    public String toString() {
        return "invalid UTF-8: " + HexFormat.ofDelimiter(" ").formatHex(bytes);
    }
}
