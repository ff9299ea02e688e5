package dev.runstore.core.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.runstore.core.json.CanonicalJson;
import dev.runstore.core.time.UtcTime;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.sqlite.SQLiteConfig;

/**
 * The baselines' side of the benchmark: what a developer writes with sqlite-jdbc alone, on
 * runstore's schema and with runstore's INSERT, so that the comparison is the write path and not
 * the table.
 */
final class PlainSqlite {
    private PlainSqlite() {}

    /** runstore's INSERT for events (Events.append binds the same columns). */
    static final String INSERT = "INSERT INTO events (run_id, seq, ts, level, kind, message, message_length,"
            + " payload, payload_uri, payload_sha256) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
            + " ON CONFLICT (run_id, seq) DO NOTHING";

    static final String MINIMAL_INSERT = "INSERT INTO events (run_id, seq, ts, level, kind, message,"
            + " message_length, payload, payload_uri, payload_sha256) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    /**
     * A plain connection with runstore's PRAGMAs (WAL, the given synchronous, foreign keys, a
     * 5 s busy timeout) and none of its machinery.
     */
    static Connection walConnection(Path file, SQLiteConfig.SynchronousMode synchronous) throws SQLException {
        return walConfig(synchronous).createConnection("jdbc:sqlite:" + file);
    }

    static Connection walConnection(Path file) throws SQLException {
        return walConnection(file, SQLiteConfig.SynchronousMode.NORMAL);
    }

    private static SQLiteConfig walConfig(SQLiteConfig.SynchronousMode synchronous) {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(synchronous);
        config.enforceForeignKeys(true);
        config.setBusyTimeout(5_000);
        return config;
    }

    /**
     * The pool a competent developer configures: HikariCP, {@code poolSize} connections, WAL,
     * synchronous=NORMAL, busy_timeout 5000, foreign keys on, the driver's default (deferred)
     * transactions.
     */
    static HikariDataSource pooled(Path file, int poolSize) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl("jdbc:sqlite:" + file);
        config.setDataSourceProperties(
                walConfig(SQLiteConfig.SynchronousMode.NORMAL).toProperties());
        config.setMaximumPoolSize(poolSize);
        config.setMinimumIdle(poolSize);
        config.setAutoCommit(false);
        config.setPoolName("bench-" + file.getFileName());
        return new HikariDataSource(config);
    }

    /**
     * One unit as the pooled baseline writes it: borrow a connection, insert, commit, give it back.
     * A failure is rolled back and rethrown for the caller to count.
     */
    static void commitUnit(DataSource pool, long run, long firstSeq, int unit) throws SQLException {
        try (Connection c = pool.getConnection();
                PreparedStatement insert = c.prepareStatement(INSERT)) {
            try {
                for (int i = 0; i < unit; i++) {
                    bindEvent(insert, run, firstSeq + i);
                    insert.executeUpdate();
                }
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        }
    }

    /** The columns Events.append binds for the benchmark's events, with the time as it does. */
    static void bindEvent(PreparedStatement insert, long run, long seq) throws SQLException {
        insert.setLong(1, run);
        insert.setLong(2, seq);
        insert.setString(3, UtcTime.toSqlText(Instant.now()));
        insert.setString(4, "info");
        insert.setString(5, "bench");
        insert.setString(6, "event");
        insert.setInt(7, 5);
        insert.setNull(8, Types.VARCHAR);
        insert.setNull(9, Types.VARCHAR);
        insert.setNull(10, Types.VARCHAR);
    }

    /**
     * Creates runstore's schema from its snapshot (db/schema.sql, which SchemaSnapshotTest keeps
     * equal to the migrations) through a plain connection, so the file keeps the connection's
     * journal mode, and adds runs 1..{@code runs}.
     */
    static void runstoreSchema(Connection c, int runs) throws SQLException {
        String snapshot;
        try (var in = PlainSqlite.class.getResourceAsStream("/db/schema.sql")) {
            snapshot = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("db/schema.sql is missing from the classpath", e);
        }
        List<String> statements = new ArrayList<>();
        for (String statement : snapshot.replaceAll("(?m)^--.*$", "").split(";")) {
            if (!statement.isBlank()) {
                statements.add(statement.strip());
            }
        }
        // Tables before the indexes on them (the snapshot is sorted by type).
        statements.sort(Comparator.comparing(statement -> !statement.startsWith("CREATE TABLE")));
        try (Statement s = c.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        }
        for (int run = 1; run <= runs; run++) {
            insertRun(c, "plain-" + run);
        }
    }

    /** Adds a running run named {@code name} and returns its id. */
    static long insertRun(Connection c, String name) throws SQLException {
        try (PreparedStatement s =
                c.prepareStatement("INSERT INTO runs (name, source, status, started_at, params, params_sha256)"
                        + " VALUES (?, 'bench', 'running', ?, '{}', ?) RETURNING id")) {
            s.setString(1, name);
            s.setString(2, UtcTime.toSqlText(Instant.now()));
            s.setString(3, CanonicalJson.sha256Hex(Map.of()));
            long value;
            try (ResultSet id = s.executeQuery()) {
                id.next();
                value = id.getLong(1);
            }
            if (!c.getAutoCommit()) {
                c.commit(); // after the result set is closed: SQLite cannot commit while it is open
            }
            return value;
        }
    }
}
