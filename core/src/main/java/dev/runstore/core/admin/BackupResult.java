package dev.runstore.core.admin;

import java.nio.file.Path;

/**
 * A finished backup.
 *
 * @param path the backup database file
 * @param bytes its size
 * @param blobs how many out-of-line payload files were copied to {@code <path>.blobs}
 */
public record BackupResult(Path path, long bytes, int blobs) {}
