/**
 * The console's access to a database: one read-only session whose methods are the panels' core
 * operations, one per panel load (no panel loads another's data), each timed for its observer.
 */
package dev.runstore.desktop.data;
