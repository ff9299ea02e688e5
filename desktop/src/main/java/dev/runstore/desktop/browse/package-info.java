/**
 * The Browse panel: the rows of any table or view, paged by key, sorted and filtered in the
 * database, with facets, a background row count, foreign-key jumps, a cell viewer and export.
 */
package dev.runstore.desktop.browse;
