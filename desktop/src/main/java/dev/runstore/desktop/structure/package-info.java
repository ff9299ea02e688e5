/**
 * The Structure panel: every table, view, index and trigger of the file, user objects and hostile
 * names included, with a table's columns, keys, indexes, triggers and CREATE statement.
 */
package dev.runstore.desktop.structure;
