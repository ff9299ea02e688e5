/**
 * Reading rows a person asks for: pages of any table or view (keyset paging, filters bound as
 * parameters, sorts), facets and background counts, read-only SQL behind a guard, cancellation, and
 * streamed export. Used by the console's browser and SQL panels and by the CLI's {@code rows} and
 * {@code query}.
 */
package dev.runstore.core.query;
