/**
 * The runs and events repositories on Jdbi: {@link dev.runstore.core.store.Runs} and {@link
 * dev.runstore.core.store.Events}, their value types, and {@link
 * dev.runstore.core.store.ListingQueries}, the one place the listing SQL and its indexes are
 * declared.
 */
package dev.runstore.core.store;
