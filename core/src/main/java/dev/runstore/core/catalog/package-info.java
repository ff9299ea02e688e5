/**
 * What a database contains: its tables, views, indexes and triggers, their columns and keys, row
 * counts and sizes, and the overview the console lands on. Read-only; works on any SQLite file, not
 * only runstore's.
 */
package dev.runstore.core.catalog;
