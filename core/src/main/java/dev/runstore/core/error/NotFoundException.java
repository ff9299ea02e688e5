package dev.runstore.core.error;

import java.io.Serial;

/** A row, run or database file that was asked for does not exist. */
public class NotFoundException extends DbException {
    @Serial
    private static final long serialVersionUID = 1L;

    private final String what;
    private final String key;

    /**
     * @param what the kind of thing, e.g. "run" or "database file"
     * @param key how it was asked for, e.g. {@code name "nightly"}; elided past 100 characters
     */
    public NotFoundException(String what, String key, String message) {
        super(ErrorCode.NOT_FOUND, message, null);
        this.what = what;
        this.key = key;
    }

    /** "no run with name "nightly" exists; check the name, or list runs to see which exist". */
    public static NotFoundException of(String what, String keyName, Object keyValue, String remedy) {
        String key = keyName + " " + Values.quote(keyValue);
        return new NotFoundException(what, key, "no " + what + " with " + key + " exists; " + remedy);
    }

    public String what() {
        return what;
    }

    public String key() {
        return key;
    }
}
