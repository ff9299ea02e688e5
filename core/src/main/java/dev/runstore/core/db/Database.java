package dev.runstore.core.db;

import dev.runstore.core.error.DbException;
import dev.runstore.core.error.ErrorCode;
import dev.runstore.core.error.ErrorTranslator;
import dev.runstore.core.error.IncompatibleDatabaseException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.HandleConsumer;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A runstore database: the one way to read and write a store.
 *
 * <p>Writes go through {@link #write}: one writer connection per process, entered through a fair
 * FIFO lock, each callback in its own short {@code BEGIN IMMEDIATE} transaction. Reads go through
 * {@link #read} on a small pool of read-only connections that never wait for the writer (WAL).
 * Handles exist only inside callbacks; every SQL or Jdbi failure leaves as a {@link DbException}.
 *
 * <pre>{@code
 * try (Database db = Database.open(Path.of("runstore.db"))) {
 *     db.useWrite(h -> h.execute("INSERT INTO notes(text) VALUES (?)", "hello"));
 *     long n = db.read(h -> h.createQuery("SELECT count(*) FROM notes").mapTo(Long.class).one());
 * }
 * }</pre>
 *
 * <p>Thread-safe. Keep callbacks short: no network calls or waiting for a person inside {@code
 * write} (see docs/hardening.md).
 */
public final class Database implements AutoCloseable {
    private static final Logger LOGGER = LoggerFactory.getLogger(Database.class);

    private final DatabaseConfig config;
    private final Engine engine;
    private final String name;
    private final ErrorTranslator translator;
    private final Writer writer; // null in read-only mode
    private final ReaderPool readers;
    private final ConnectionSource connections;
    private final Jdbi readJdbi;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final GroupCommitter committer; // null in read-only mode

    private Database(
            DatabaseConfig config,
            Engine engine,
            String name,
            ErrorTranslator translator,
            ConnectionSource connections,
            Writer writer,
            ReaderPool readers) {
        this.config = config;
        this.engine = engine;
        this.connections = connections;
        this.name = name;
        this.translator = translator;
        this.writer = writer;
        this.readers = readers;
        this.readJdbi = RunstoreTypes.install(connections.dialect(), Jdbi.create(readers));
        this.committer = writer == null ? null : new GroupCommitter(name, writer);
    }

    /** Opens (and creates, if missing) the database file at {@code path} with the default settings. */
    public static Database open(Path path) {
        return open(DatabaseConfig.of(path));
    }

    /**
     * Opens the database described by {@code config}. In read-write mode a missing file is created;
     * in read-only mode it is a {@link dev.runstore.core.error.NotFoundException} that names the
     * path.
     *
     * @throws DbException when the file cannot be opened as a database
     */
    public static Database open(DatabaseConfig config) {
        String location = config.location();
        Engine engine = Engine.of(config);
        String name = engine.shortName();
        ErrorTranslator translator = new ErrorTranslator(location, config.busyTimeout());
        engine.checkTarget();
        ConnectionSource connections = engine.connections();
        ReaderPool readers = new ReaderPool(name, connections, config.readPoolSize(), config.busyTimeout());
        Writer writer = null;
        if (config.mode() == AccessMode.READ_WRITE) {
            Connection connection = openWriter(connections, location, translator);
            Checkpointer checkpointer = startCheckpointer(connections, name, connection, translator);
            writer = new Writer(name, connection, config, translator, connections, checkpointer);
        }
        Database db = new Database(config, engine, name, translator, connections, writer, readers);
        // Open one reader now, so a target that is not a database fails here and not on first read.
        try {
            db.read(h -> h.select(engine.probe()).mapTo(Integer.class).one());
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
        LOGGER.debug(
                "{} - opened \"{}\" mode={} busyTimeout={}ms readPoolSize={} slowTransactionThreshold={}ms",
                name,
                location,
                config.mode(),
                config.busyTimeout().toMillis(),
                config.readPoolSize(),
                config.slowTransactionThreshold().toMillis());
        return db;
    }

    /**
     * Runs {@code callback} in one write transaction that begins {@code IMMEDIATE} and commits when
     * it returns; any exception rolls it back and is rethrown (SQL failures as {@link DbException}).
     * A {@code write} inside a {@code write} on the same thread becomes a SAVEPOINT that fails alone.
     * The transaction is the write's own: {@code BEGIN}, {@code COMMIT}, {@code END} and {@code
     * ROLLBACK} run through the handle are refused. A callback that catches a failure which ended
     * the whole transaction (SQLite: ON CONFLICT ROLLBACK, RAISE(ROLLBACK), a full disk;
     * PostgreSQL: any failure) cannot carry on: its next statement and its COMMIT fail, and nothing
     * of the write is stored.
     *
     * @throws IncompatibleDatabaseException when the database was opened read-only
     */
    public <R, X extends Exception> R write(HandleCallback<R, X> callback) throws X {
        ensureOpen();
        if (writer == null) {
            throw new IncompatibleDatabaseException(
                    "database \"" + location() + "\" was opened read-only; open it in READ_WRITE mode to change it");
        }
        try {
            return writer.write(callback);
        } catch (Exception e) {
            if (e instanceof JdbiException || e instanceof SQLException) {
                throw translator.translate(e);
            }
            throw e; // the callback's own exception, as it was
        }
    }

    /** {@link #write} for callbacks that return nothing. */
    public <X extends Exception> void useWrite(HandleConsumer<X> callback) throws X {
        write(callback.asCallback());
    }

    /**
     * Like {@link #write}, but the callback may share one commit with other threads' callbacks
     * (group commit): it runs on the thread of one of the waiting callers (the group's leader) inside
     * its own SAVEPOINT, so it still succeeds
     * or fails alone, and this method returns only after the commit that contains it. For small,
     * self-contained units (an event batch); do not rely on thread-locals inside the callback. The
     * callback may run twice: on SQLite a group runs first without savepoints, and when one of its units
     * fails it is rolled back and run again with a savepoint per unit; so keep it free of effects
     * outside the handle.
     */
    public <R, X extends Exception> R writeInGroup(HandleCallback<R, X> callback) throws X {
        ensureOpen();
        if (writer == null) {
            return write(callback); // fails with the read-only message
        }
        if (writer.isHeldByCurrentThread()) {
            return write(callback); // already inside a write: a savepoint there
        }
        try {
            return committer.run(callback);
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof JdbiException || cause instanceof SQLException) {
                throw translator.translate(cause);
            }
            throw Database.<X>sneaky(cause);
        }
    }

    /** Rethrows the callback's own exception as it was: it is an X, a RuntimeException or an Error. */
    @SuppressWarnings("unchecked")
    private static <X extends Exception> RuntimeException sneaky(Throwable failure) throws X {
        if (failure instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (failure instanceof Error error) {
            throw error;
        }
        throw (X) failure;
    }

    /**
     * Runs {@code callback} on a read-only connection. It sees the last committed state and never
     * waits for the writer; any attempt to write through it fails.
     */
    public <R, X extends Exception> R read(HandleCallback<R, X> callback) throws X {
        ensureOpen();
        try {
            return readJdbi.withHandle(callback);
        } catch (Exception e) {
            if (e instanceof JdbiException || e instanceof SQLException) {
                throw translator.translate(e);
            }
            throw e; // the callback's own exception, as it was
        }
    }

    /** {@link #read} for callbacks that return nothing. */
    public <X extends Exception> void useRead(HandleConsumer<X> callback) throws X {
        read(callback.asCallback());
    }

    /**
     * Runs maintenance work (schema migrations, backups) that needs plain JDBC connections. In
     * read-write mode it holds this process's write lock for the whole callback, so no write of this
     * process interleaves, and the connections' transactions begin IMMEDIATE. In read-only mode the
     * connections are read-only. Connections are closed when the callback returns; SQL failures
     * leave as {@link DbException}.
     */
    public <R> R maintenance(MaintenanceCallback<R> callback) {
        ensureOpen();
        MaintenanceDataSource dataSource = new MaintenanceDataSource(connections);
        try {
            return writer == null ? callback.run(dataSource) : writer.exclusive(callback, dataSource);
        } catch (SQLException e) {
            throw translator.translate(e);
        } finally {
            dataSource.closeAll();
        }
    }

    /** Translates a failure that happened inside {@link #maintenance} into runstore's domain errors. */
    public DbException translate(Throwable failure) {
        return translator.translate(failure);
    }

    /** The configuration this database was opened with. */
    public DatabaseConfig config() {
        return config;
    }

    /**
     * The absolute path of the SQLite file.
     *
     * @throws IllegalStateException on PostgreSQL, which has no file (use {@link #location()})
     */
    public Path path() {
        if (config.path() == null) {
            throw new IllegalStateException("a PostgreSQL database has no file; use location() instead");
        }
        return config.path().toAbsolutePath();
    }

    /** The file path, or the PostgreSQL URL without its password: for messages. */
    public String location() {
        return config.location();
    }

    public Dialect dialect() {
        return config.dialect();
    }

    /** What differs between this database's engine and the other: for runstore's own packages. */
    public Engine engine() {
        return engine;
    }

    /**
     * The folder for payload files too large to inline ({@code <file>.blobs} beside a SQLite file),
     * or empty where they are kept in the database itself (PostgreSQL's {@code payload_blobs}).
     */
    public Optional<Path> payloadFolder() {
        return engine.payloadFolder();
    }

    public boolean isReadOnly() {
        return writer == null;
    }

    /**
     * Waits (up to the configured close timeout) for reads and writes in flight, checkpoints the WAL
     * into the main file with {@code wal_checkpoint(TRUNCATE)} and closes every connection. New calls
     * fail once close has begun. Calling it again does nothing.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        if (committer != null) {
            committer.close(config.closeTimeout());
        }
        readers.close(config.closeTimeout());
        if (writer != null) {
            writer.close(config.closeTimeout());
        }
        LOGGER.debug("{} - closed", name);
    }

    private void ensureOpen() {
        if (closed.get()) {
            throw new DbException(
                    ErrorCode.CLOSED, "database \"" + location() + "\" is closed; open a new Database to use it again");
        }
    }

    private static Connection openWriter(ConnectionSource connections, String path, ErrorTranslator translator) {
        Connection connection = null;
        try {
            connection = connections.openWriter();
            connections.verifyWriter(connection, path);
            return connection;
        } catch (SQLException | RuntimeException e) {
            if (connection != null) {
                SqliteConnections.closeQuietly(connection, e);
            }
            throw translator.translate(e);
        }
    }

    private static Checkpointer startCheckpointer(
            ConnectionSource connections, String name, Connection writer, ErrorTranslator translator) {
        try {
            return connections.startCheckpointer(name);
        } catch (SQLException | RuntimeException e) {
            SqliteConnections.closeQuietly(writer, e);
            throw translator.translate(e);
        }
    }
}
