package dev.runstore.core.query;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;

/** Reading and binding single values, the same way for every page, count and export. */
final class Cells {
    private Cells() {}

    /**
     * The value in column {@code index}: integers as Long (the driver gives Integer for small ones),
     * and TEXT that is not UTF-8 as {@link MalformedText} instead of the driver's U+FFFD.
     */
    static Object read(ResultSet rows, int index) throws SQLException {
        Object value = rows.getObject(index);
        if (value instanceof Integer i) {
            return i.longValue();
        }
        if (value instanceof Short s) {
            return s.longValue();
        }
        if (value instanceof String text && text.indexOf('\uFFFD') >= 0) {
            // The driver decodes leniently; only a value showing a replacement character can be one.
            byte[] raw = rows.getBytes(index);
            if (raw != null && !isUtf8(raw)) {
                return new MalformedText(raw);
            }
        }
        return value;
    }

    static void bind(PreparedStatement statement, List<Object> arguments) throws SQLException {
        for (int i = 0; i < arguments.size(); i++) {
            Object argument = arguments.get(i);
            if (argument == null) {
                statement.setNull(i + 1, Types.NULL);
            } else if (argument instanceof MalformedText text) {
                statement.setBytes(i + 1, text.bytes());
            } else {
                statement.setObject(i + 1, argument);
            }
        }
    }

    private static boolean isUtf8(byte[] bytes) {
        try {
            StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
