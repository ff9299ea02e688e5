package dev.runstore.core.cli;

import java.util.LinkedHashMap;
import java.util.Map;

/** JSON objects for --json output; nulls allowed (they print as null). Key order is canonical anyway. */
final class Json {
    private Json() {}

    static Map<String, Object> object(Object... keysAndValues) {
        Map<String, Object> object = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            object.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return object;
    }
}
