/** The console's access to a database: one read-only session and the snapshots it loads. */
package dev.runstore.desktop.data;
