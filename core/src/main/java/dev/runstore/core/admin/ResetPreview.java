package dev.runstore.core.admin;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * What a dev reset of one database would delete and where its backup would go, read before the
 * person confirms: the console's confirmation shows it, so nobody types a name without seeing what
 * is at stake.
 *
 * @param location the database's full path (or redacted URL)
 * @param tables every table that would be dropped, with its rows now, by name
 * @param payloadFolder the out-of-line payload folder that would be emptied, if there is one
 * @param payloadFiles files in that folder now
 * @param payloadBytes their total size
 * @param backupFolder where the backup file goes; empty where runstore cannot back up (PostgreSQL)
 * @param backupName the backup's file name, with its UTC time stamp still to be filled in
 */
public record ResetPreview(
        String location,
        Map<String, Long> tables,
        Optional<Path> payloadFolder,
        long payloadFiles,
        long payloadBytes,
        Optional<Path> backupFolder,
        String backupName) {
    public ResetPreview {
        tables = Map.copyOf(tables);
    }

    /** Rows in every table that would be dropped. */
    public long rows() {
        return tables.values().stream().mapToLong(Long::longValue).sum();
    }
}
