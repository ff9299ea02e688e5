package dev.runstore.core.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runstore.core.db.Database;
import dev.runstore.core.error.ConflictException;
import dev.runstore.core.error.OperationRefusedException;
import dev.runstore.core.migrate.Environment;
import dev.runstore.core.migrate.Migrator;
import dev.runstore.core.store.SampleData;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Backups beside blob writers, over stale or linked targets, and failing half way. */
class BackupUnderAttackTest {
    @TempDir
    Path dir;

    private Database open() {
        Database db = Database.open(dir.resolve("live.db"));
        new Migrator(Environment.TEST).migrate(db);
        SampleData.fill(db, 2, 5);
        return db;
    }

    /** What BlobStore does for every big payload: a temp file, then a rename to its final name. */
    private static Thread blobWriter(Path blobs, AtomicBoolean stop, AtomicReference<Throwable> failure) {
        Thread writer = new Thread(() -> {
            try {
                Path folder = Files.createDirectories(blobs.resolve("sha256").resolve("ab"));
                int n = 0;
                while (!stop.get()) {
                    Path temp = Files.createTempFile(folder, "cdef0123", ".tmp");
                    Files.writeString(temp, "{\"x\":1}");
                    // Content-addressed: the same few payloads again and again, as a busy ingester
                    // of similar events stores them (a rename over an existing blob is the race).
                    Files.move(
                            temp,
                            folder.resolve("cdef" + (n++ % 50)),
                            java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                            java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            } catch (Throwable e) {
                failure.set(e);
            }
        });
        writer.start();
        return writer;
    }

    @Test
    void backupsSucceedWhileAWriterStoresBlobs() throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        AtomicReference<Throwable> writerFailure = new AtomicReference<>();
        List<BackupResult> results = new ArrayList<>();
        try (Database db = open()) {
            Thread writer = blobWriter(db.payloadFolder().orElseThrow(), stop, writerFailure);
            try {
                for (int i = 0; i < 6; i++) {
                    results.add(Backup.to(db, dir.resolve("copy-" + i + ".db")));
                }
            } finally {
                stop.set(true);
                writer.join();
            }
        }
        assertThat(writerFailure.get()).isNull();
        assertThat(results).hasSize(6).allSatisfy(r -> assertThat(r.blobs()).isPositive());
        for (int i = 0; i < 6; i++) {
            try (var copied = Files.walk(dir.resolve("copy-" + i + ".db.blobs"))) {
                assertThat(copied.map(Path::toString)).noneMatch(name -> name.endsWith(".tmp"));
            }
        }
    }

    @Test
    void aStaleBlobsFolderOrALinkThereIsRefusedBeforeAnythingIsWritten() throws Exception {
        try (Database db = open()) {
            Files.createDirectories(dir.resolve("stale.db.blobs"));
            Path victim = Files.createDirectories(dir.resolve("victim"));
            Files.createSymbolicLink(dir.resolve("linked.db.blobs"), victim);

            assertThatThrownBy(() -> Backup.to(db, dir.resolve("stale.db")))
                    .isInstanceOf(ConflictException.class)
                    .hasMessageContaining("stale.db.blobs\" already exists");
            assertThatThrownBy(() -> Backup.to(db, dir.resolve("linked.db")))
                    .isInstanceOf(OperationRefusedException.class)
                    .hasMessageContaining("is a symbolic link");

            assertThat(dir.resolve("stale.db")).doesNotExist();
            assertThat(dir.resolve("linked.db")).doesNotExist();
            try (var inVictim = Files.list(victim)) {
                assertThat(inVictim).isEmpty();
            }
        }
    }

    /**
     * A fault shim for the reader connection: VACUUM INTO writes part of the target, then fails as
     * a full disk would. Nothing may be left behind, and the same backup then succeeds.
     */
    @Test
    void aBackupThatFailsHalfWayLeavesNothingSoARetryWorks() throws Exception {
        try (Database db = open()) {
            Path target = dir.resolve("half.db");
            Connection failing = (Connection) Proxy.newProxyInstance(
                    getClass().getClassLoader(), new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                        if (method.getName().equals("prepareStatement")) {
                            return Proxy.newProxyInstance(
                                    getClass().getClassLoader(),
                                    new Class<?>[] {PreparedStatement.class},
                                    (statement, call, callArgs) -> {
                                        if (call.getName().equals("execute")) {
                                            Files.write(target, new byte[4096]);
                                            throw new SQLException("database or disk is full");
                                        }
                                        return null;
                                    });
                        }
                        return null;
                    });

            assertThatThrownBy(() -> Backup.write(failing, db, target)).hasMessageContaining("disk is full");

            assertThat(target).doesNotExist();
            assertThat(dir.resolve("half.db.blobs")).doesNotExist();
            assertThat(Backup.to(db, target).bytes()).isPositive();
        }
    }

    @Test
    void resetSucceedsWhileAWriterStoresBlobs() throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        AtomicReference<Throwable> writerFailure = new AtomicReference<>();
        try (Database db = open()) {
            Thread writer = blobWriter(db.payloadFolder().orElseThrow(), stop, writerFailure);
            try {
                for (int i = 0; i < 2; i++) {
                    assertThat(Reset.run(db, true).backup()).exists();
                    Thread.sleep(1_000); // backups are named by the second
                }
            } finally {
                stop.set(true);
                writer.join();
            }
        }
    }
}
