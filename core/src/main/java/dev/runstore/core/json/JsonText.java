package dev.runstore.core.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A JSON value in canonical form: the value type of runstore's JSON TEXT columns. Bound through
 * Jdbi (with {@link CanonicalJsonPlugin}) it writes its canonical text, so equal values are equal
 * bytes in the database; read back, any JSON text in the column becomes canonical again.
 *
 * @param json the canonical JSON text
 */
public record JsonText(String json) {
    public JsonText {
        Objects.requireNonNull(json, "json");
    }

    /** The canonical JSON of any value {@link CanonicalJson} accepts. */
    public static JsonText of(Object value) {
        return new JsonText(CanonicalJson.toJson(value));
    }

    /** Canonicalizes JSON text written by anyone. */
    public static JsonText parse(String json) {
        return new JsonText(CanonicalWriter.write(CanonicalJson.parse(json)));
    }

    /** The UTF-8 bytes of the canonical text. */
    public byte[] bytes() {
        return json.getBytes(StandardCharsets.UTF_8);
    }

    /** The SHA-256 of {@link #bytes()}, lower-case hex: equal to Python's hash of the same value. */
    public String sha256Hex() {
        return CanonicalJson.sha256HexOf(bytes());
    }

    /** Indented for people (keys in canonical order); not canonical, so never store or hash it. */
    public String pretty() {
        return tree().toPrettyString();
    }

    public JsonNode tree() {
        return CanonicalJson.parse(json);
    }

    public <T> T as(Class<T> type) {
        return CanonicalJson.parse(json, type);
    }

    /** The number of UTF-8 bytes, which is what inline size limits count. */
    public int byteLength() {
        return bytes().length;
    }

    @Override
    public String toString() {
        return json;
    }
}
