/**
 * The headless {@code runstore} CLI (picocli): one class per command, each a thin shell over one
 * admin operation of {@code dev.runstore.core.admin}; {@link dev.runstore.core.cli.RunstoreCli} wires
 * them, the error handler and the exit codes.
 */
package dev.runstore.core.cli;
