/**
 * The SQL panel: read-only SQL typed by the person, run behind core's guard, paged into the shared
 * grid, cancellable, with its query plan and a history kept across restarts.
 */
package dev.runstore.desktop.sql;
