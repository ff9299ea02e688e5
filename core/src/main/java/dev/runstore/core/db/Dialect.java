package dev.runstore.core.db;

/** The database engine behind a {@link Database}. */
public enum Dialect {
    /** A SQLite file: WAL, one writer per process, BEGIN IMMEDIATE. */
    SQLITE,
    /** A PostgreSQL server: for many ingesters on many hosts. */
    POSTGRESQL
}
