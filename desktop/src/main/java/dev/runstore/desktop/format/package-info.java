/**
 * How the console prints times and counts: {@link dev.runstore.desktop.format.Times} and {@link
 * dev.runstore.desktop.format.Counts}. Fixed formats, never the machine's locale or time zone, so a
 * screenshot or a test reads the same everywhere.
 */
package dev.runstore.desktop.format;
