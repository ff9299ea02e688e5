package dev.runstore.core.catalog;

/**
 * A column of a table or view.
 *
 * @param type the declared type, as written (empty when none was declared)
 * @param defaultValue the DEFAULT expression as written, or null
 * @param primaryKey its position in the primary key, from 1; 0 when it is not part of it
 */
public record Column(String name, String type, boolean notNull, String defaultValue, int primaryKey) {}
