/**
 * UTC time everywhere: {@link dev.runstore.core.time.UtcTime} formats and parses runstore's two
 * text forms of an instant (Python-compatible ISO 8601 for JSON, naive UTC text for SQLite), and
 * {@link dev.runstore.core.time.UtcTimePlugin} makes Jdbi bind and read them.
 */
package dev.runstore.core.time;
