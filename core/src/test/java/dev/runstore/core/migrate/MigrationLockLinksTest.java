package dev.runstore.core.migrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runstore.core.db.Database;
import dev.runstore.core.error.OperationRefusedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The migration lock file is written, so a planted link must never redirect that write. */
class MigrationLockLinksTest {
    @TempDir
    Path dir;

    /** The lock sits beside the database's real path: plant there, wherever the temp folder links. */
    @BeforeEach
    void realFolder() throws Exception {
        dir = dir.toRealPath();
    }

    private void migrate(Path db) {
        try (Database database = Database.open(db)) {
            new Migrator(Environment.TEST).migrate(database);
        }
    }

    @Test
    void aSymbolicLinkAtTheLockPathIsRefusedAndItsTargetKept() throws Exception {
        Path victim = Files.writeString(dir.resolve("victim.txt"), "precious");
        Path db = dir.resolve("m.db");
        Files.createSymbolicLink(MigrationLock.pathFor(db), victim);

        assertThatThrownBy(() -> migrate(db))
                .isInstanceOf(OperationRefusedException.class)
                .hasMessageContaining("m.db.migration-lock\" is a symbolic link");
        assertThat(Files.readString(victim)).isEqualTo("precious");
    }

    @Test
    void aDanglingLinkIsRefusedAndNothingIsCreatedWhereItPoints() throws Exception {
        Path db = dir.resolve("m.db");
        Path elsewhere = dir.resolve("created-through-the-link");
        Files.createSymbolicLink(MigrationLock.pathFor(db), elsewhere);

        assertThatThrownBy(() -> migrate(db)).isInstanceOf(OperationRefusedException.class);
        assertThat(elsewhere).doesNotExist();
    }

    @Test
    void aHardLinkToAnotherFileIsRefused() throws Exception {
        Path victim = Files.writeString(dir.resolve("victim.txt"), "precious");
        Path db = dir.resolve("m.db");
        Files.createLink(MigrationLock.pathFor(db), victim);

        assertThatThrownBy(() -> migrate(db)).hasMessageContaining("is a hard link");
        assertThat(Files.readString(victim)).isEqualTo("precious");
    }

    @Test
    void aFolderAtTheLockPathIsRefused() throws Exception {
        Path db = dir.resolve("m.db");
        Files.createDirectory(MigrationLock.pathFor(db));

        assertThatThrownBy(() -> migrate(db)).hasMessageContaining("is not a regular file");
    }

    @Test
    void theLockFileGetsTheDatabaseFilesPermissionsSoAGroupSharingTheDatabaseCanMigrateIt() throws Exception {
        Path db = dir.resolve("shared.db");
        try (Database database = Database.open(db)) {
            database.read(h -> 1);
        }
        var groupWritable = PosixFilePermissions.fromString("rw--w----");
        Files.setPosixFilePermissions(db, groupWritable);

        migrate(db);

        assertThat(Files.getPosixFilePermissions(MigrationLock.pathFor(db))).isEqualTo(groupWritable);
    }

    @Test
    void aLeftoverPlainLockFileIsFine() throws Exception {
        Path db = dir.resolve("m.db");
        Files.writeString(MigrationLock.pathFor(db), "pid 1 on somewhere since long ago");

        migrate(db);
        migrate(db);
    }
}
