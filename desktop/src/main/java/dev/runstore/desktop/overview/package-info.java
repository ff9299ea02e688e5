/**
 * The Overview panel, where the console lands: the file, engine, migrations, checks, table counts
 * and recent activity at a glance, each linking to its detailed panel.
 */
package dev.runstore.desktop.overview;
