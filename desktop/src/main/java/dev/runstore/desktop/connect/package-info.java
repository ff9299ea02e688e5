/**
 * Connecting the console to a PostgreSQL server: the Connect dialog (URL, user, password) and the
 * recent connections, which are remembered without any password.
 */
package dev.runstore.desktop.connect;
