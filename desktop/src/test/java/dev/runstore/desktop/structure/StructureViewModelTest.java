package dev.runstore.desktop.structure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runstore.core.catalog.SchemaObject;
import dev.runstore.desktop.main.MainViewModel;
import dev.runstore.desktop.main.RecentFiles;
import dev.runstore.desktop.panel.Navigation;
import dev.runstore.desktop.support.DirectExecutor;
import dev.runstore.desktop.support.Seed;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Structure panel lists every object, hostile names included, and describes the selected one. */
class StructureViewModelTest {
    @TempDir
    Path dir;

    MainViewModel main;

    @AfterEach
    void close() {
        main.close();
    }

    @Test
    void everyObjectIsListedAndATableIsDescribed() {
        main = new MainViewModel(new DirectExecutor(), MainViewModel.Sessions.real(false), RecentFiles.inMemory());
        main.open(Seed.withUserTables(dir, "seed.db"));
        main.navigation().show(Navigation.Target.STRUCTURE);
        StructureViewModel structure = main.structure();

        assertThat(structure.objects())
                .extracting(o -> o.type() + " " + o.name())
                .contains(
                        "table runs",
                        "table we\"ird tab",
                        "table Ünïcode",
                        "table select",
                        "table x; DROP TABLE runs",
                        "view failed_runs",
                        "index events_ts_idx",
                        "index big_grp");

        structure.select("x; DROP TABLE runs");
        assertThat(structure.titleProperty().get()).isEqualTo("table x; DROP TABLE runs");
        assertThat(structure.columns()).extracting(c -> c.name()).containsExactly("id", "run_id");
        assertThat(structure.columns().get(0).primaryKey()).isEqualTo(1);
        assertThat(structure.foreignKeys()).containsExactly("run_id → runs (id)");
        assertThat(structure.sqlProperty().get()).startsWith("CREATE TABLE \"x; DROP TABLE runs\"");
        assertThat(structure.summaryProperty().get()).isEqualTo("2 columns · rows identified by rowid · 0 indexes");

        structure.select("events");
        assertThat(structure.indexes()).extracting(i -> i.name()).contains("events_run_seq_idx", "events_ts_idx");

        SchemaObject index = structure.objects().stream()
                .filter(o -> o.name().equals("big_grp"))
                .findFirst()
                .orElseThrow();
        structure.selectedProperty().set(index);
        assertThat(structure.summaryProperty().get()).isEqualTo("on table big");
        assertThat(structure.sqlProperty().get()).isEqualTo("CREATE INDEX big_grp ON big (grp)");
        assertThat(structure.browsableProperty().get()).isFalse();
    }
}
