package dev.runstore.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runstore.core.db.Database;
import dev.runstore.core.error.ConflictException;
import dev.runstore.core.error.NotFoundException;
import dev.runstore.core.json.CanonicalJson;
import dev.runstore.core.migrate.Environment;
import dev.runstore.core.migrate.Migrator;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunsTest {
    static final Instant T0 = Instant.parse("2026-11-27T09:00:00Z");

    @TempDir
    Path dir;

    Database db;
    Runs runs;

    @BeforeEach
    void open() {
        db = Database.open(dir.resolve("runs.db"));
        new Migrator(Environment.TEST).migrate(db);
        runs = new Runs(db);
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void aCreatedRunIsRunningWithCanonicalParamsAndTheirHash() {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("z", 1);
        params.put("a", List.of("x"));

        Run run = runs.create(new NewRun("nightly", "ingester-1", params, T0));

        assertThat(run.status()).isEqualTo(RunStatus.RUNNING);
        assertThat(run.startedAt()).isEqualTo(T0);
        assertThat(run.finishedAt()).isNull();
        assertThat(run.params().json()).isEqualTo("{\"a\":[\"x\"],\"z\":1}");
        assertThat(run.paramsSha256()).isEqualTo(CanonicalJson.sha256Hex(params));
    }

    @Test
    void aDuplicateNameIsAConflictWithAnActionableMessage() {
        runs.create(new NewRun("nightly-2026-11-27", "a", Map.of(), T0));

        assertThatThrownBy(() -> runs.create(new NewRun("nightly-2026-11-27", "b", Map.of("secret", "x"), T0)))
                .isInstanceOf(ConflictException.class)
                .hasMessage("a run named \"nightly-2026-11-27\" already exists (runs.name is unique); choose another"
                        + " name or open the existing run");
        assertThat(runs.listRecent(Optional.empty(), 10)).hasSize(1);
    }

    @Test
    void aRunIsFoundByIdAndByName() {
        Run created = runs.create(new NewRun("n", "s", Map.of(), T0));

        assertThat(runs.get(created.id())).isEqualTo(created);
        assertThat(runs.getByName("n")).isEqualTo(created);
    }

    @Test
    void aMissingRunIsNotFoundNamingTheKey() {
        assertThatThrownBy(() -> runs.getByName("nope"))
                .isInstanceOf(NotFoundException.class)
                .hasMessage("no run with name \"nope\" exists; list the runs to see which exist");
        assertThatThrownBy(() -> runs.get(42)).hasMessageStartingWith("no run with id 42 exists");
    }

    @Test
    void finishingRecordsStatusStatsAndTime() {
        Run run = runs.create(new NewRun("n", "s", Map.of(), T0));

        Run finished = runs.finish(run.id(), RunStatus.FAILED, Map.of("events", 3), T0.plusSeconds(60));

        assertThat(finished.status()).isEqualTo(RunStatus.FAILED);
        assertThat(finished.finishedAt()).isEqualTo(T0.plusSeconds(60));
        assertThat(finished.stats().json()).isEqualTo("{\"events\":3}");
    }

    @Test
    void aRunFinishesOnlyOnce() {
        Run run = runs.create(new NewRun("n", "s", Map.of(), T0));
        runs.finish(run.id(), RunStatus.SUCCEEDED, null, T0);

        assertThatThrownBy(() -> runs.finish(run.id(), RunStatus.FAILED, null, T0))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("already finished as succeeded");
        assertThat(runs.get(run.id()).status()).isEqualTo(RunStatus.SUCCEEDED);
    }

    @Test
    void finishingAMissingRunIsNotFound() {
        assertThatThrownBy(() -> runs.finish(7, RunStatus.FAILED, null, T0)).isInstanceOf(NotFoundException.class);
    }

    @Test
    void recentRunsAreNewestFirstAndFilterByStatus() {
        Run first = runs.create(new NewRun("first", "s", Map.of(), T0));
        Run second = runs.create(new NewRun("second", "s", Map.of(), T0.plusSeconds(10)));
        Run third = runs.create(new NewRun("third", "s", Map.of(), T0.plusSeconds(20)));
        runs.finish(second.id(), RunStatus.FAILED, null, T0.plusSeconds(30));

        assertThat(runs.listRecent(Optional.empty(), 10))
                .extracting(Run::name)
                .containsExactly("third", "second", "first");
        assertThat(runs.listRecent(Optional.empty(), 2)).extracting(Run::id).containsExactly(third.id(), second.id());
        assertThat(runs.listRecent(Optional.of(RunStatus.RUNNING), 10))
                .extracting(Run::id)
                .containsExactly(third.id(), first.id());
    }

    @Test
    void aLimitBelowOneIsRefused() {
        assertThatThrownBy(() -> runs.listRecent(Optional.empty(), 0)).hasMessage("limit must be at least 1 (was 0)");
    }
}
