package dev.runstore.core.db;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Everything {@link Database#open(DatabaseConfig)} needs, validated when it is built: an impossible
 * value fails at once with a message that names the setting and the range it accepts.
 *
 * @param path the SQLite database file, or null for a PostgreSQL database
 * @param url the {@code jdbc:postgresql://…} URL of a PostgreSQL database, or null for SQLite
 * @param mode read-write (the default) or read-only
 * @param busyTimeout how long a connection waits for a lock held by another process before it fails
 *     with {@code BusyException}; also bounds the wait for this process's own writer and readers
 * @param readPoolSize how many read-only connections may read at once
 * @param slowTransactionThreshold a write transaction that holds the lock longer than this logs one
 *     WARN with its caller's stack trace
 * @param closeTimeout how long {@link Database#close()} waits for in-flight work
 * @param password the PostgreSQL password when it is neither in the URL nor in {@code PGPASSWORD}
 *     (typed into the console), or null; {@link #toString} never shows it
 * @param durability what an acknowledged commit survives: {@link Durability#NORMAL} (the default) a
 *     process crash, {@link Durability#FULL} an OS crash and a power loss too, at one fsync per commit
 */
public record DatabaseConfig(
        Path path,
        String url,
        AccessMode mode,
        Duration busyTimeout,
        int readPoolSize,
        Duration slowTransactionThreshold,
        Duration closeTimeout,
        String password,
        Durability durability) {

    public static final Duration DEFAULT_BUSY_TIMEOUT = Duration.ofMillis(5_000);
    public static final int DEFAULT_READ_POOL_SIZE = 4;
    public static final int MAX_READ_POOL_SIZE = 64;
    public static final Duration DEFAULT_SLOW_TRANSACTION_THRESHOLD = Duration.ofSeconds(1);
    public static final Duration DEFAULT_CLOSE_TIMEOUT = Duration.ofSeconds(30);

    public DatabaseConfig {
        if (path == null && url == null) {
            throw new NullPointerException(
                    "path must be set: the database file to open (or, for PostgreSQL, a jdbc:postgresql:// URL)");
        }
        if (path != null && url != null) {
            throw new IllegalArgumentException("both a path (" + path + ") and a url (" + redact(url)
                    + ") are set; set path for a SQLite file or url for PostgreSQL, not both");
        }
        if (url != null && !url.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException(
                    "url must be a PostgreSQL JDBC URL such as jdbc:postgresql://host:5432/db (was " + redact(url)
                            + ")");
        }
        Objects.requireNonNull(mode, "mode must be set: READ_WRITE or READ_ONLY");
        requireRange("busyTimeout", busyTimeout, Duration.ZERO, Duration.ofMillis(Integer.MAX_VALUE));
        if (readPoolSize < 1 || readPoolSize > MAX_READ_POOL_SIZE) {
            throw new IllegalArgumentException("readPoolSize must be between 1 and " + MAX_READ_POOL_SIZE + " (was "
                    + readPoolSize + "); SQLite readers gain nothing beyond a few per core");
        }
        requireRange("slowTransactionThreshold", slowTransactionThreshold, Duration.ofMillis(1), Duration.ofDays(1));
        requireRange("closeTimeout", closeTimeout, Duration.ZERO, Duration.ofDays(1));
        if (password != null && url == null) {
            throw new IllegalArgumentException(
                    "a password is for a PostgreSQL server; a SQLite file (" + path + ") has none");
        }
        Objects.requireNonNull(durability, "durability must be set: NORMAL or FULL");
    }

    /** With the default durability, {@link Durability#NORMAL}. */
    public DatabaseConfig(
            Path path,
            String url,
            AccessMode mode,
            Duration busyTimeout,
            int readPoolSize,
            Duration slowTransactionThreshold,
            Duration closeTimeout,
            String password) {
        this(
                path,
                url,
                mode,
                busyTimeout,
                readPoolSize,
                slowTransactionThreshold,
                closeTimeout,
                password,
                Durability.NORMAL);
    }

    /** Without a typed password. */
    public DatabaseConfig(
            Path path,
            String url,
            AccessMode mode,
            Duration busyTimeout,
            int readPoolSize,
            Duration slowTransactionThreshold,
            Duration closeTimeout) {
        this(path, url, mode, busyTimeout, readPoolSize, slowTransactionThreshold, closeTimeout, null);
    }

    /** The settings, the URL redacted and the password only as whether one is set. */
    @Override
    public String toString() {
        return "DatabaseConfig[location=" + location() + ", mode=" + mode + ", busyTimeout=" + busyTimeout
                + ", readPoolSize=" + readPoolSize + ", slowTransactionThreshold=" + slowTransactionThreshold
                + ", closeTimeout=" + closeTimeout + ", password=" + (password == null ? "none" : "***")
                + ", durability="
                + durability + "]";
    }

    /**
     * The defaults for {@code path}: read-write, 5 s busy timeout, 4 readers, 1 s slow threshold,
     * NORMAL durability.
     */
    public static DatabaseConfig of(Path path) {
        return builder(path).build();
    }

    public static Builder builder(Path path) {
        return new Builder(path, null);
    }

    /** A PostgreSQL database: {@code jdbc:postgresql://host:port/database[?currentSchema=…]}. */
    public static Builder postgres(String url) {
        return new Builder(null, url);
    }

    /** A SQLite file path or, when it starts with {@code jdbc:postgresql:}, a PostgreSQL URL. */
    public static Builder forLocation(String pathOrUrl) {
        return pathOrUrl.startsWith("jdbc:") ? postgres(pathOrUrl) : builder(Path.of(pathOrUrl));
    }

    /** SQLite or PostgreSQL. */
    public Dialect dialect() {
        return url != null ? Dialect.POSTGRESQL : Dialect.SQLITE;
    }

    /** The file path, or the URL without its password: safe for messages and logs. */
    public String location() {
        return url != null ? redact(url) : path.toAbsolutePath().toString();
    }

    /** {@code url} with the value of any {@code password=} parameter replaced by {@code ***}. */
    public static String redact(String url) {
        return url.replaceAll("(?i)(password=)[^&]*", "$1***");
    }

    /** A copy of this configuration with another mode. */
    public DatabaseConfig withMode(AccessMode newMode) {
        return new DatabaseConfig(
                path,
                url,
                newMode,
                busyTimeout,
                readPoolSize,
                slowTransactionThreshold,
                closeTimeout,
                password,
                durability);
    }

    private static void requireRange(String name, Duration value, Duration min, Duration max) {
        Objects.requireNonNull(value, name + " must be set");
        if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
            throw new IllegalArgumentException(name + " must be between " + min.toMillis() + " ms and " + max.toMillis()
                    + " ms (was " + value.toMillis() + " ms)");
        }
    }

    /** Builds a {@link DatabaseConfig}; every setter has a default except the path. */
    public static final class Builder {
        private final Path path;
        private final String url;
        private AccessMode mode = AccessMode.READ_WRITE;
        private Duration busyTimeout = DEFAULT_BUSY_TIMEOUT;
        private int readPoolSize = DEFAULT_READ_POOL_SIZE;
        private Duration slowTransactionThreshold = DEFAULT_SLOW_TRANSACTION_THRESHOLD;
        private Duration closeTimeout = DEFAULT_CLOSE_TIMEOUT;
        private String password;
        private Durability durability = Durability.NORMAL;

        private Builder(Path path, String url) {
            this.path = path;
            this.url = url;
        }

        public Builder mode(AccessMode mode) {
            this.mode = mode;
            return this;
        }

        public Builder readOnly() {
            return mode(AccessMode.READ_ONLY);
        }

        public Builder busyTimeout(Duration busyTimeout) {
            this.busyTimeout = busyTimeout;
            return this;
        }

        public Builder readPoolSize(int readPoolSize) {
            this.readPoolSize = readPoolSize;
            return this;
        }

        public Builder slowTransactionThreshold(Duration threshold) {
            this.slowTransactionThreshold = threshold;
            return this;
        }

        public Builder closeTimeout(Duration closeTimeout) {
            this.closeTimeout = closeTimeout;
            return this;
        }

        /**
         * The PostgreSQL password, for one typed in rather than kept in the URL or {@code PGPASSWORD};
         * a {@code password=} in the URL still wins. Null or empty for none.
         */
        public Builder password(String password) {
            this.password = password == null || password.isEmpty() ? null : password;
            return this;
        }

        /** What an acknowledged commit survives; {@link Durability#NORMAL} unless set. */
        public Builder durability(Durability durability) {
            this.durability = durability;
            return this;
        }

        /** {@link Durability#FULL}: commits survive an OS crash and a power loss, at one fsync each. */
        public Builder durable() {
            return durability(Durability.FULL);
        }

        public DatabaseConfig build() {
            return new DatabaseConfig(
                    path,
                    url,
                    mode,
                    busyTimeout,
                    readPoolSize,
                    slowTransactionThreshold,
                    closeTimeout,
                    password,
                    durability);
        }
    }
}
