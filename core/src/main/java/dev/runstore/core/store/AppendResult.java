package dev.runstore.core.store;

/**
 * What an append did.
 *
 * @param inserted events written
 * @param skipped events whose (run, seq) was already stored with the same content
 */
public record AppendResult(int inserted, int skipped) {}
