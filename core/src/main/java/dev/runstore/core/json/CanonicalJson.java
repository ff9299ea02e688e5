package dev.runstore.core.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.runstore.core.error.InvalidInputException;
import dev.runstore.core.error.InvalidUtf8Exception;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Deterministic JSON for JSON TEXT columns: the same value always gives the same bytes, and so the
 * same hash, in Java and in Python. The bytes are exactly Python 3's {@code json.dumps(v,
 * ensure_ascii=False, separators=(",", ":"), sort_keys=True)} encoded as UTF-8, for every value
 * Python reads from the same JSON text.
 *
 * <ul>
 *   <li>Object keys in Unicode code point order; no whitespace.
 *   <li>Non-ASCII as is; only {@code "}, {@code \} and control characters escaped, as Python does.
 *   <li>Integers of any size as digits; floats as Python's {@code repr} ({@code 1e+16}, {@code
 *       100.0}); NaN and Infinity refused.
 *   <li>Instants in UTC as Python's {@code isoformat()}, microsecond precision (see {@link
 *       dev.runstore.core.time.UtcTime}).
 * </ul>
 *
 * Accepts JSON trees, maps, lists, records and POJOs (as Jackson maps them). Thread-safe.
 */
public final class CanonicalJson {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .addModule(new UtcTimeModule())
            .addModule(jsonTextModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private CanonicalJson() {}

    /** A {@link JsonText} inside a larger value is its JSON, not a record with a "json" field. */
    private static SimpleModule jsonTextModule() {
        SimpleModule module = new SimpleModule("runstore-json-text");
        module.addSerializer(JsonText.class, new JsonSerializer<>() {
            @Override
            public void serialize(JsonText value, JsonGenerator gen, SerializerProvider serializers)
                    throws IOException {
                gen.writeTree(parse(value.json()));
            }
        });
        module.addDeserializer(JsonText.class, new JsonDeserializer<>() {
            @Override
            public JsonText deserialize(JsonParser parser, DeserializationContext context) throws IOException {
                return new JsonText(CanonicalWriter.write(parser.readValueAsTree()));
            }

            @Override
            public JsonText getNullValue(DeserializationContext context) {
                return null;
            }
        });
        return module;
    }

    /** The canonical JSON text of {@code value}. */
    public static String toJson(Object value) {
        StringBuilder out = new StringBuilder(128);
        CanonicalWriter.writeValue(value, out, CanonicalJson::tree);
        return out.toString();
    }

    /** The canonical JSON of {@code value} as UTF-8 bytes. */
    public static byte[] toBytes(Object value) {
        return toJson(value).getBytes(StandardCharsets.UTF_8);
    }

    /** The lower-case hex SHA-256 of {@link #toBytes}: equal values, equal hashes, in any language. */
    public static String sha256Hex(Object value) {
        return sha256HexOf(toBytes(value));
    }

    /** The lower-case hex SHA-256 of {@code bytes} as they are (for bytes already canonical). */
    public static String sha256HexOf(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** {@code value} as a Jackson tree, with runstore's time rules applied. */
    public static JsonNode tree(Object value) {
        if (value instanceof JsonNode node) {
            return node;
        }
        if (value instanceof JsonText text) {
            return parse(text.json());
        }
        try {
            return MAPPER.valueToTree(value);
        } catch (IllegalArgumentException e) {
            // Jackson wraps our own refusals (LocalDateTime, years): surface the root message.
            throw new IllegalArgumentException(rootMessage(e), e);
        }
    }

    /** Parses JSON text into a tree; invalid JSON fails with the position and Jackson's reason. */
    public static JsonNode parse(String json) {
        try {
            JsonNode node = MAPPER.readTree(json);
            if (node == null || node.isMissingNode()) {
                throw new IllegalArgumentException("JSON text is empty; write null for no value");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw invalid(e);
        }
    }

    /**
     * Parses JSON from UTF-8 bytes. The bytes must be well-formed UTF-8 without a byte-order mark,
     * as Python's {@code json.loads} requires: nothing is decoded with replacement characters.
     *
     * @throws InvalidInputException when the bytes are not UTF-8 ({@link InvalidUtf8Exception},
     *     naming the line and byte) or not valid JSON
     */
    public static JsonNode parse(byte[] utf8) {
        String text = StrictUtf8.decodeDocument(utf8);
        try {
            return parse(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(e.getMessage(), e);
        }
    }

    /**
     * Parses one JSON document from a stream of UTF-8 bytes, at most {@link
     * JsonLines#DEFAULT_MAX_LINE_BYTES} long, as {@link #parse(byte[])} does. Does not close it.
     */
    public static JsonNode parse(InputStream utf8) {
        String text = JsonLines.readDocument(utf8, JsonLines.DEFAULT_MAX_LINE_BYTES);
        try {
            return parse(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(e.getMessage(), e);
        }
    }

    /** Parses JSON text into {@code type} (records and POJOs as Jackson maps them). */
    public static <T> T parse(String json, Class<T> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw invalid(e);
        }
    }

    /** Parses JSON text into a generic type, e.g. {@code new TypeReference<Map<String, Object>>() {}}. */
    public static <T> T parse(String json, TypeReference<T> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw invalid(e);
        }
    }

    /** Converts a tree into {@code type}. */
    public static <T> T convert(JsonNode tree, Class<T> type) {
        try {
            return MAPPER.treeToValue(tree, type);
        } catch (JsonProcessingException e) {
            throw invalid(e);
        }
    }

    private static IllegalArgumentException invalid(JsonProcessingException e) {
        var at = e.getLocation();
        String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
        return new IllegalArgumentException("not valid JSON" + where + ": " + e.getOriginalMessage(), e);
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage();
    }
}
