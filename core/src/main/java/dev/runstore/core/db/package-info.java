/**
 * The hardened SQLite connection: {@link dev.runstore.core.db.Database} opens a file with WAL,
 * busy_timeout, foreign keys and the other PRAGMAs on every connection, serialises this process's
 * writers through one writer connection and serves reads from a pool of read-only connections.
 * Everything except {@code Database}, {@code DatabaseConfig} and {@code AccessMode} is internal
 * ({@code LockFiles} is public only for the migrator's lock file).
 */
package dev.runstore.core.db;
