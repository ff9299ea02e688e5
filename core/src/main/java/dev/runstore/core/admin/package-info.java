/**
 * Admin operations over a runstore database — the things the CLI prints and the console shows:
 * checks, and (with the CLI) migration head, table counts, recent runs and events, backup and the
 * dev-only reset. They return records and never print.
 */
package dev.runstore.core.admin;
