/**
 * The Overview panel, where the console lands: the file, engine, migrations, checks, table counts
 * recent activity, events per minute, hour or day by level, and a timeline of recent runs at a glance, each linking to its detailed panel.
 */
package dev.runstore.desktop.overview;
