package dev.runstore.core.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps runstore movable to PostgreSQL: migration SQL and repository SQL use no SQLite-only
 * construct, and tables use only portable types.
 */
class PortableSqlTest {
    /** Each forbidden construct and why. */
    static final Map<Pattern, String> FORBIDDEN = Map.ofEntries(
            rule("\\bINSERT\\s+OR\\s+(REPLACE|IGNORE)\\b", "SQLite-only; use INSERT ... ON CONFLICT"),
            rule("\\bREPLACE\\s+INTO\\b", "deletes then inserts; use INSERT ... ON CONFLICT DO UPDATE"),
            rule(
                    "\\browid\\b|\\boid\\b|\\b_rowid_\\b",
                    "implicit row ids do not exist on PostgreSQL; use the id column"),
            rule("\\bAUTOINCREMENT\\b", "SQLite-only; the ${id_pk} placeholder gives an identity column"),
            rule(
                    "\\b(datetime|strftime|julianday|unixepoch|date|time)\\s*\\(",
                    "SQLite date functions; bind UTC times from Java"),
            rule("\\b(ifnull|iif|group_concat|typeof|instr|printf|glob)\\s*\\(", "SQLite-only function"),
            rule("\\bGLOB\\b", "SQLite-only operator"),
            rule("\\bPRAGMA\\b", "SQLite-only statement; keep it in the db and migrate internals"));

    static final Set<String> PORTABLE_TYPES = Set.of("TEXT", "INTEGER", "BIGINT", "REAL", "TIMESTAMP");
    static final Map<String, String> PLACEHOLDER_TYPES = Map.of("${id_pk}", "BIGINT", "${ts}", "TIMESTAMP");

    @Test
    void migrationSqlUsesNoSqliteOnlyConstruct() throws IOException {
        assertThat(violations(files(Path.of("src/main/resources/db/migration"), ".sql")))
                .isEmpty();
    }

    @Test
    void repositorySqlUsesNoSqliteOnlyConstruct() throws IOException {
        assertThat(violations(files(Path.of("src/main/java/dev/runstore/core/store"), ".java")))
                .isEmpty();
    }

    @Test
    void tablesUseOnlyPortableTypes() throws IOException {
        List<String> problems = new ArrayList<>();
        for (Path file : files(Path.of("src/main/resources/db/migration"), ".sql")) {
            problems.addAll(nonPortableTypes(file.getFileName().toString(), Files.readString(file)));
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void theScannerCatchesWhatItForbids() {
        assertThat(violations("bad.sql", "INSERT OR REPLACE INTO runs SELECT rowid, datetime('now') FROM x"))
                .hasSize(4); // INSERT OR REPLACE, REPLACE INTO, rowid, datetime(
        assertThat(nonPortableTypes("bad.sql", "CREATE TABLE t (\n  a VARCHAR(10),\n  b TEXT\n);"))
                .singleElement()
                .asString()
                .contains("a VARCHAR");
    }

    static List<String> violations(List<Path> files) throws IOException {
        List<String> found = new ArrayList<>();
        for (Path file : files) {
            found.addAll(violations(file.toString(), Files.readString(file)));
        }
        return found;
    }

    static List<String> violations(String name, String text) {
        List<String> found = new ArrayList<>();
        String code = text.replaceAll("(?m)--.*$", "").replaceAll("(?m)^\\s*(\\*|/\\*\\*|//).*$", "");
        FORBIDDEN.forEach((pattern, why) -> {
            Matcher m = pattern.matcher(code);
            while (m.find()) {
                found.add(name + ": \"" + m.group() + "\" — " + why);
            }
        });
        return found;
    }

    /** Column lines of CREATE TABLE blocks: "  name TYPE ..." where TYPE must be portable. */
    static List<String> nonPortableTypes(String name, String sql) {
        List<String> problems = new ArrayList<>();
        Matcher table =
                Pattern.compile("(?is)CREATE TABLE\\s+\\w+\\s*\\((.*?)\\n\\);").matcher(sql);
        while (table.find()) {
            for (String line : table.group(1).split("\\n")) {
                Matcher column = Pattern.compile("^\\s*(\\w+)\\s+(\\$\\{\\w+\\}|[A-Za-z]+)")
                        .matcher(line);
                if (!column.find() || column.group(1).equalsIgnoreCase("CONSTRAINT")) {
                    continue;
                }
                String type = PLACEHOLDER_TYPES.getOrDefault(
                        column.group(2), column.group(2).toUpperCase());
                if (!PORTABLE_TYPES.contains(type)) {
                    problems.add(name + ": column " + column.group(1) + " " + column.group(2)
                            + " — use TEXT, INTEGER, BIGINT, REAL or TIMESTAMP");
                }
            }
        }
        return problems;
    }

    private static List<Path> files(Path folder, String suffix) throws IOException {
        try (Stream<Path> paths = Files.walk(folder)) {
            return paths.filter(p -> p.toString().endsWith(suffix)).sorted().toList();
        }
    }

    private static Map.Entry<Pattern, String> rule(String regex, String why) {
        return Map.entry(Pattern.compile(regex, Pattern.CASE_INSENSITIVE), why);
    }
}
