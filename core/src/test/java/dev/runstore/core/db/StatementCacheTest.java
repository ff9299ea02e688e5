package dev.runstore.core.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.StatementCustomizer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StatementCacheTest {
    @TempDir
    Path dir;

    @Test
    void aJdbiStatementWithNamedParametersIsPreparedOnceAndReused() throws Exception {
        try (Database db = Database.open(dir.resolve("cache.db"))) {
            Workloads.createTables(db);
            List<PreparedStatement> used = new ArrayList<>();
            StatementCustomizer record = new StatementCustomizer() {
                @Override
                public void beforeExecution(PreparedStatement statement, StatementContext ctx) {
                    used.add(statement);
                }
            };
            for (int seq = 1; seq <= 3; seq++) {
                int value = seq;
                db.useWrite(h -> h.createUpdate("INSERT INTO counters (seq, writer) VALUES (:seq, 'w')")
                        .bind("seq", value)
                        .addCustomizer(record)
                        .execute());
            }

            assertThat(used).hasSize(3);
            assertThat(used.get(1)).isSameAs(used.get(0));
            assertThat(used.get(2)).isSameAs(used.get(0));
            Integer rows = db.read(h -> h.createQuery("SELECT count(*) FROM counters")
                    .mapTo(Integer.class)
                    .one());
            assertThat(rows).isEqualTo(3);
        }
    }

    @Test
    void twoOpenStatementsWithTheSameSqlAreNeverTheSameObject() throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("two.db"))) {
            StatementCache cache = new StatementCache(connection);
            PreparedStatement first = cache.create(connection, "SELECT 1", null);
            PreparedStatement second = cache.create(connection, "SELECT 1", null);

            assertThat(second).isNotSameAs(first);
            cache.close(connection, "SELECT 1", first);
            cache.close(connection, "SELECT 1", second);
            assertThat(cache.idleCount()).isEqualTo(1);
            assertThat(first.isClosed() || second.isClosed()).isTrue();
        }
    }

    @Test
    void anIdleCachedQueryHoldsNoReadSnapshotThatWouldBlockACheckpoint() throws Exception {
        Path file = dir.resolve("snapshot.db");
        try (Database db = Database.open(file)) {
            Workloads.createTables(db);
            db.useWrite(h -> h.execute("INSERT INTO counters (seq, writer) VALUES (1, 'w')"));
            // A query on the writer connection, cached afterwards, then more commits after it.
            Integer seen = db.write(h -> h.createQuery("SELECT count(*) FROM counters")
                    .mapTo(Integer.class)
                    .one());
            assertThat(seen).isEqualTo(1);
            db.useWrite(h -> h.execute("INSERT INTO counters (seq, writer) VALUES (2, 'w')"));

            try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + file);
                    Statement statement = other.createStatement();
                    ResultSet result = statement.executeQuery("PRAGMA wal_checkpoint(TRUNCATE)")) {
                result.next();
                assertThat(result.getInt(1))
                        .as("checkpoint blocked by a reader")
                        .isZero();
            }
        }
    }

    @Test
    void beyondItsCapacityTheLeastRecentlyUsedStatementIsClosed() throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("lru.db"))) {
            StatementCache cache = new StatementCache(connection);
            List<PreparedStatement> statements = new ArrayList<>();
            for (int i = 0; i <= StatementCache.CAPACITY; i++) {
                String sql = "SELECT " + i;
                PreparedStatement statement = cache.create(connection, sql, null);
                statements.add(statement);
                cache.close(connection, sql, statement);
            }

            assertThat(cache.idleCount()).isEqualTo(StatementCache.CAPACITY);
            assertThat(statements.get(0).isClosed()).isTrue();
            assertThat(statements.get(StatementCache.CAPACITY).isClosed()).isFalse();
            cache.closeAll();
            assertThat(statements.get(StatementCache.CAPACITY).isClosed()).isTrue();
        }
    }
}
