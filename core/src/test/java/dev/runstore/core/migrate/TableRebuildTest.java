package dev.runstore.core.migrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runstore.core.error.ConstraintException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TableRebuildTest {
    @TempDir
    Path dir;

    Connection connection;

    @BeforeEach
    void parentAndChildWithCascade() throws SQLException {
        connection = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("rebuild.db"));
        execute("PRAGMA foreign_keys = ON");
        execute("CREATE TABLE parent (id INTEGER PRIMARY KEY, name TEXT, size INTEGER)");
        execute("CREATE UNIQUE INDEX parent_name_idx ON parent (name)");
        execute("CREATE INDEX parent_size_idx ON parent (size)");
        execute("CREATE TABLE child (id INTEGER PRIMARY KEY, parent_id INTEGER NOT NULL REFERENCES parent (id)"
                + " ON DELETE CASCADE, note TEXT)");
        execute("CREATE VIEW big_parents AS SELECT name FROM parent WHERE size > 5");
        execute("CREATE TRIGGER parent_name_trim AFTER INSERT ON parent BEGIN"
                + " UPDATE parent SET name = trim(name) WHERE id = new.id; END");
        for (int p = 1; p <= 50; p++) {
            execute("INSERT INTO parent (id, name, size) VALUES (" + p + ", 'p" + p + "', " + (p % 10) + ")");
            for (int c = 0; c < 4; c++) {
                execute("INSERT INTO child (parent_id, note) VALUES (" + p + ", 'c" + c + "')");
            }
        }
    }

    @AfterEach
    void close() throws SQLException {
        connection.close();
    }

    @Test
    void rebuildingAParentKeepsEveryChildRowOfACascadingForeignKey() throws SQLException {
        TableRebuild.of("parent")
                .definition("(id INTEGER PRIMARY KEY, name TEXT NOT NULL, size INTEGER NOT NULL CHECK (size >= 0))")
                .run(connection);

        assertThat(count("child")).isEqualTo(200);
        assertThat(count("parent")).isEqualTo(50);
        assertThat(query("SELECT sql FROM sqlite_schema WHERE name = 'parent'").get(0))
                .contains("CHECK (size >= 0)");
    }

    @Test
    void indexesTriggersAndViewsSurviveTheRebuild() throws SQLException {
        List<String> before = schemaExceptTable("parent");

        TableRebuild.of("parent")
                .definition("(id INTEGER PRIMARY KEY, name TEXT NOT NULL, size INTEGER)")
                .run(connection);

        assertThat(schemaExceptTable("parent")).containsExactlyElementsOf(before);
        assertThat(query("SELECT name FROM big_parents ORDER BY name")).hasSize(20);
        assertThat(query("PRAGMA foreign_keys")).containsExactly("1");
    }

    @Test
    void aCopyCanTransformValues() throws SQLException {
        execute("UPDATE parent SET size = NULL WHERE id = 1");

        TableRebuild.of("parent")
                .definition("(id INTEGER PRIMARY KEY, name TEXT NOT NULL, size INTEGER NOT NULL)")
                .copy(List.of("id", "name", "size"), "id, name, coalesce(size, 0)")
                .run(connection);

        assertThat(query("SELECT size FROM parent WHERE id = 1")).containsExactly("0");
    }

    @Test
    void aForeignKeyViolationRollsEverythingBackAndNamesTheRows() throws SQLException {
        execute("PRAGMA foreign_keys = OFF");
        execute("INSERT INTO child (id, parent_id, note) VALUES (999, 12345, 'orphan')");
        execute("PRAGMA foreign_keys = ON");
        String before =
                query("SELECT sql FROM sqlite_schema WHERE name = 'parent'").get(0);

        assertThatThrownBy(() -> TableRebuild.of("parent")
                        .definition("(id INTEGER PRIMARY KEY, name TEXT, size INTEGER, extra TEXT)")
                        .run(connection))
                .isInstanceOf(ConstraintException.class)
                .hasMessageContaining("child row 999 refers to a missing parent")
                .hasMessageContaining("nothing was changed");

        assertThat(query("SELECT sql FROM sqlite_schema WHERE name = 'parent'").get(0))
                .isEqualTo(before);
        assertThat(query("SELECT name FROM sqlite_schema WHERE name LIKE '%rebuild%'"))
                .isEmpty();
        assertThat(query("PRAGMA foreign_keys")).containsExactly("1");
    }

    @Test
    void insideAnOpenTransactionItRefusesToStart() throws SQLException {
        connection.setAutoCommit(false);

        assertThatThrownBy(() -> TableRebuild.of("parent")
                        .definition("(id INTEGER PRIMARY KEY)")
                        .run(connection))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("canExecuteInTransaction() returns false");
        connection.rollback();
        connection.setAutoCommit(true);
    }

    private List<String> schemaExceptTable(String table) throws SQLException {
        return query("SELECT type || ' ' || name || ': ' || sql FROM sqlite_schema WHERE name <> '" + table
                + "' AND sql IS NOT NULL ORDER BY type, name");
    }

    private long count(String table) throws SQLException {
        return Long.parseLong(query("SELECT count(*) FROM " + table).get(0));
    }

    private List<String> query(String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(sql)) {
            while (rs.next()) {
                rows.add(rs.getString(1));
            }
        }
        return rows;
    }

    private void execute(String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
