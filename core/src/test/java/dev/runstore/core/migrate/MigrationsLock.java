package dev.runstore.core.migrate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * core/src/main/resources/db/migrations.lock: one line per merged migration, {@code <sha256>
 * <path>} (the format of sha256sum, paths relative to core/). Merged migrations never change; new
 * ones are appended with the documented command.
 */
final class MigrationsLock {
    static final Path FILE = Path.of("src/main/resources/db/migrations.lock");
    static final String UPDATE_PROPERTY = "runstore.updateMigrationsLock";
    static final String UPDATE_COMMAND = "mvn -pl core test -Dtest=MigrationsLockTest -D" + UPDATE_PROPERTY + "=true";

    private static final Path SQL_FOLDER = Path.of("src/main/resources/db/migration");
    private static final Path JAVA_FOLDER = Path.of("src/main/java/dev/runstore/core/migrate");

    private MigrationsLock() {}

    /** path -> sha256 of every migration in the source tree (cwd is the core module). */
    static Map<String, String> scan() {
        Map<String, String> found = new TreeMap<>();
        try (Stream<Path> sql = Files.list(SQL_FOLDER);
                Stream<Path> java = Files.list(JAVA_FOLDER)) {
            Stream.concat(sql, java.filter(p -> p.getFileName().toString().matches("V\\d+\\w*\\.java")))
                    .forEach(p -> found.put(p.toString().replace('\\', '/'), sha256(p)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return found;
    }

    static Map<String, String> read(Path lock) {
        Map<String, String> entries = new TreeMap<>();
        try {
            for (String line : Files.readAllLines(lock, StandardCharsets.UTF_8)) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] parts = line.strip().split("\\s+", 2);
                entries.put(parts[1], parts[0]);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return entries;
    }

    /** Everything wrong with the tree against the lock, one actionable sentence each. */
    static List<String> problems(Map<String, String> locked, Map<String, String> actual) {
        List<String> problems = new ArrayList<>();
        locked.forEach((path, hash) -> {
            String now = actual.get(path);
            if (now == null) {
                problems.add("merged migration " + path + " was removed or renamed; restore it as it was and add a new"
                        + " migration instead");
            } else if (!now.equals(hash)) {
                problems.add("merged migration " + path + " was edited (its SHA-256 differs from migrations.lock);"
                        + " revert the edit and add a new migration instead");
            }
        });
        actual.keySet().stream()
                .filter(path -> !locked.containsKey(path))
                .forEach(path -> problems.add("new migration " + path + " is not in migrations.lock; once it is final,"
                        + " add it with: " + UPDATE_COMMAND));
        return problems;
    }

    /** Appends migrations missing from the lock; never rewrites an existing line. */
    static void appendNew(Path lock, Map<String, String> locked, Map<String, String> actual) {
        StringBuilder added = new StringBuilder();
        actual.forEach((path, hash) -> {
            if (!locked.containsKey(path)) {
                added.append(hash).append("  ").append(path).append('\n');
            }
        });
        try {
            Files.writeString(
                    lock,
                    added.toString(),
                    StandardCharsets.UTF_8,
                    java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String sha256(Path file) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
