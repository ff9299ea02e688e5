/**
 * The domain errors of runstore-core: one unchecked root, {@link dev.runstore.core.error.DbException},
 * a subclass per condition a caller can act on, and the one {@link
 * dev.runstore.core.error.ErrorTranslator} that turns driver and Jdbi exceptions into them.
 */
package dev.runstore.core.error;
