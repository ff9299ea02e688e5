package dev.runstore.core.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runstore.core.catalog.TableCounts;
import dev.runstore.core.db.Database;
import dev.runstore.core.error.DbException;
import dev.runstore.core.error.ErrorCode;
import dev.runstore.core.migrate.Environment;
import dev.runstore.core.migrate.Migrator;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Table sizes come from dbstat; a failure reading them is an error, never "this SQLite has no dbstat". */
class TableSizesTest {
    @TempDir
    Path dir;

    @Test
    void sizesOfAHealthyDatabaseNameEveryTableAndIndex() {
        try (Database db = Database.open(dir.resolve("ok.db"))) {
            new Migrator(Environment.TEST).migrate(db);
            assertThat(TableCounts.sizes(db))
                    .get()
                    .satisfies(sizes -> assertThat(sizes)
                            .containsKeys("events", "runs", "payload_blobs", "events_out_of_line_idx")
                            .allSatisfy((name, bytes) -> assertThat(bytes).isPositive()));
        }
    }

    @Test
    void aDatabaseThatCannotBeReadFailsInsteadOfReportingNoSizes() {
        Database db = Database.open(dir.resolve("closed.db"));
        new Migrator(Environment.TEST).migrate(db);
        db.close();

        // Before, every DbException here read as "this SQLite build has no dbstat".
        assertThatThrownBy(() -> TableCounts.sizes(db))
                .isInstanceOfSatisfying(
                        DbException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CLOSED));
    }
}
