/**
 * The dev reset's confirmation: what will be deleted, where the backup goes, and a button that
 * stays disabled until the database's name is typed. The gate itself (environment marker,
 * RUNSTORE_ALLOW_RESET) is core's; this package only makes sure nobody confirms blind.
 */
package dev.runstore.desktop.reset;
