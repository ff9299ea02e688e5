/**
 * Schema migrations: {@link dev.runstore.core.migrate.Migrator} applies Flyway migrations with the
 * discipline runstore enforces (validate on migrate, no schema newer than the program, a
 * cross-process lock on SQLite), reports status, and {@link dev.runstore.core.migrate.TableRebuild}
 * does the SQLite table rebuilds that {@code ALTER TABLE} cannot.
 */
package dev.runstore.core.migrate;
