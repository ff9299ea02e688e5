package dev.runstore.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runstore.core.db.Database;
import dev.runstore.core.error.ConflictException;
import dev.runstore.core.error.IncompatibleDatabaseException;
import dev.runstore.core.error.NotFoundException;
import dev.runstore.core.json.CanonicalJson;
import dev.runstore.core.json.JsonText;
import dev.runstore.core.migrate.Environment;
import dev.runstore.core.migrate.Migrator;
import dev.runstore.core.store.ListingQueries.EventOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventsTest {
    static final Instant T0 = Instant.parse("2026-11-27T09:00:00Z");

    @TempDir
    Path dir;

    Database db;
    Runs runs;
    Events events;
    Run run;

    @BeforeEach
    void open() {
        db = Database.open(dir.resolve("events.db"));
        new Migrator(Environment.TEST).migrate(db);
        runs = new Runs(db);
        events = new Events(db, new EventLimits(100, 1_000));
        run = runs.create(new NewRun("run-1", "test", Map.of(), T0));
    }

    @AfterEach
    void close() {
        db.close();
    }

    static NewEvent event(long seq, Level level, String message) {
        return new NewEvent(seq, T0.plusSeconds(seq), level, "step", message, Map.of("seq", seq));
    }

    static List<NewEvent> batch(int from, int to) {
        List<NewEvent> list = new ArrayList<>();
        for (int seq = from; seq < to; seq++) {
            list.add(event(seq, Level.INFO, "event " + seq));
        }
        return list;
    }

    @Test
    void aBatchIsAppendedInOneGo() {
        AppendResult result = events.append(run.id(), batch(0, 10));

        assertThat(result).isEqualTo(new AppendResult(10, 0));
        assertThat(events.listForRun(run.id(), EventOrder.SEQ, Level.DEBUG, 100))
                .hasSize(10);
    }

    @Test
    void appendingTheSameEventsAgainInsertsNothingAndCountsThemSkipped() {
        events.append(run.id(), batch(0, 10));

        AppendResult again = events.append(run.id(), batch(0, 10));
        AppendResult overlapping = events.append(run.id(), batch(5, 15));

        assertThat(again).isEqualTo(new AppendResult(0, 10));
        assertThat(overlapping).isEqualTo(new AppendResult(5, 5));
        assertThat(events.listForRun(run.id(), EventOrder.SEQ, Level.DEBUG, 100))
                .hasSize(15);
    }

    @Test
    void aStoredSeqWithDifferentContentFailsTheWholeBatch() {
        events.append(run.id(), batch(0, 3));
        List<NewEvent> conflicting = new ArrayList<>(batch(3, 6));
        conflicting.add(event(1, Level.ERROR, "not what was stored"));

        assertThatThrownBy(() -> events.append(run.id(), conflicting))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("event seq 1 of run \"run-1\" already exists with different content");
        assertThat(events.listForRun(run.id(), EventOrder.SEQ, Level.DEBUG, 100))
                .hasSize(3);
    }

    @Test
    void appendingToAMissingRunIsNotFoundAndWritesNothing() {
        assertThatThrownBy(() -> events.append(999, batch(0, 2)))
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining("no run with id 999 exists");
        assertThat(events.listRecent(Level.DEBUG, 10)).isEmpty();
    }

    @Test
    void aSeqTwiceInOneBatchIsRefused() {
        assertThatThrownBy(() -> events.append(run.id(), List.of(event(1, Level.INFO, "a"), event(1, Level.INFO, "b"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("seq 1 appears twice");
    }

    @Test
    void textWithALoneSurrogateIsRefusedInsteadOfStoredAsQuestionMarks() {
        assertThatThrownBy(() -> new NewEvent(1, T0, Level.INFO, "step", "half \uD83D of a smiley", null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("message has an unpaired surrogate (U+D83D) at index 5");
        assertThatThrownBy(() -> new NewEvent(1, T0, Level.INFO, "\uDE00", "", null))
                .hasMessageStartingWith("kind has an unpaired surrogate (U+DE00)");
        assertThatThrownBy(() -> new NewRun("run-\uD800", "test", Map.of(), T0))
                .hasMessageStartingWith("run name has an unpaired surrogate");
        assertThatThrownBy(() -> events.append(
                        run.id(), List.of(new NewEvent(1, T0, Level.INFO, "step", "", Map.of("s", "\uDFFF")))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unpaired surrogate");
        assertThat(events.listRecent(Level.DEBUG, 10)).isEmpty();
        assertThat(new NewEvent(1, T0, Level.INFO, "step", "a whole \uD83D\uDE00", null).message())
                .endsWith("\uD83D\uDE00");
    }

    @Test
    void aLongMessageIsTruncatedByCodePointsKeepingItsLength() {
        String message = "😀".repeat(150); // 150 code points, 300 UTF-16 units

        events.append(run.id(), List.of(event(0, Level.INFO, message)));

        Event stored =
                events.listForRun(run.id(), EventOrder.SEQ, Level.DEBUG, 1).get(0);
        assertThat(stored.message()).isEqualTo("😀".repeat(100));
        assertThat(stored.messageLength()).isEqualTo(150);
        assertThat(stored.truncated()).isTrue();
    }

    @Test
    void aShortMessageIsKeptWhole() {
        events.append(run.id(), List.of(event(0, Level.INFO, "short")));

        Event stored =
                events.listForRun(run.id(), EventOrder.SEQ, Level.DEBUG, 1).get(0);
        assertThat(stored.truncated()).isFalse();
        assertThat(stored.messageLength()).isEqualTo(5);
    }

    @Test
    void aSmallPayloadIsInlineAndHashed() {
        events.append(run.id(), List.of(event(0, Level.INFO, "m")));

        Event stored =
                events.listForRun(run.id(), EventOrder.SEQ, Level.DEBUG, 1).get(0);
        assertThat(stored.payload().json()).isEqualTo("{\"seq\":0}");
        assertThat(stored.payloadUri()).isNull();
        assertThat(stored.payloadSha256()).isEqualTo(CanonicalJson.sha256Hex(Map.of("seq", 0)));
    }

    @Test
    void aLargePayloadGoesToTheContentAddressedBlobFolderAndReadsBackChecked() throws Exception {
        Map<String, Object> big = Map.of("blob", "x".repeat(5_000));
        String sha = CanonicalJson.sha256Hex(big);

        events.append(run.id(), List.of(new NewEvent(0, T0, Level.INFO, "big", "m", big)));

        Event stored =
                events.listForRun(run.id(), EventOrder.SEQ, Level.DEBUG, 1).get(0);
        assertThat(stored.payload()).isNull();
        assertThat(stored.payloadUri())
                .isEqualTo("events.db.blobs/sha256/" + sha.substring(0, 2) + "/" + sha.substring(2));
        assertThat(dir.resolve(stored.payloadUri())).exists();
        assertThat(events.payload(stored)).isEqualTo(JsonText.of(big));
    }

    @Test
    void aTamperedBlobIsDetectedOnRead() throws Exception {
        Map<String, Object> big = Map.of("blob", "y".repeat(5_000));
        events.append(run.id(), List.of(new NewEvent(0, T0, Level.INFO, "big", "m", big)));
        Event stored =
                events.listForRun(run.id(), EventOrder.SEQ, Level.DEBUG, 1).get(0);
        Files.writeString(dir.resolve(stored.payloadUri()), "{\"blob\":\"tampered\"}");

        assertThatThrownBy(() -> events.payload(stored))
                .isInstanceOf(IncompatibleDatabaseException.class)
                .hasMessageContaining("is corrupt");
    }

    @Test
    void aCorruptBlobAtThePathIsRepairedWhenTheSamePayloadIsStoredAgain() throws Exception {
        Map<String, Object> big = Map.of("blob", "z".repeat(5_000));
        events.append(run.id(), List.of(new NewEvent(1, T0, Level.INFO, "big", "m", big)));
        Event first =
                events.listForRun(run.id(), EventOrder.SEQ, Level.DEBUG, 1).get(0);
        Path blob = dir.resolve(first.payloadUri());
        Files.writeString(blob, "{\"blob\":\"trunc"); // a damaged copy, as a crash of another tool leaves

        events.append(run.id(), List.of(new NewEvent(2, T0, Level.INFO, "big", "m", big)));

        assertThat(events.payload(first).tree().get("blob").textValue()).hasSize(5_000);
        assertThat(CanonicalJson.sha256HexOf(Files.readAllBytes(blob))).isEqualTo(first.payloadSha256());
        try (var left = Files.list(blob.getParent())) {
            assertThat(left).as("no temp file left").containsExactly(blob);
        }
    }

    @Test
    void oneRunsEventsListInSeqOrTimeOrderAndByMinimumLevel() {
        events.append(
                run.id(),
                List.of(
                        new NewEvent(1, T0.plusSeconds(30), Level.ERROR, "k", "late error", null),
                        new NewEvent(2, T0.plusSeconds(10), Level.DEBUG, "k", "early debug", null),
                        new NewEvent(3, T0.plusSeconds(20), Level.WARNING, "k", "middle warning", null)));

        assertThat(events.listForRun(run.id(), EventOrder.SEQ, Level.DEBUG, 10))
                .extracting(Event::seq)
                .containsExactly(1L, 2L, 3L);
        assertThat(events.listForRun(run.id(), EventOrder.TIME, Level.DEBUG, 10))
                .extracting(Event::seq)
                .containsExactly(2L, 3L, 1L);
        assertThat(events.listForRun(run.id(), EventOrder.NEWEST_FIRST, Level.WARNING, 10))
                .extracting(Event::seq)
                .containsExactly(1L, 3L);
    }

    @Test
    void recentEventsAcrossRunsAreNewestFirstAtOrAboveALevel() {
        Run other = runs.create(new NewRun("run-2", "test", Map.of(), T0));
        events.append(
                run.id(),
                List.of(
                        new NewEvent(1, T0.plusSeconds(1), Level.WARNING, "k", "a", null),
                        new NewEvent(2, T0.plusSeconds(4), Level.INFO, "k", "b", null)));
        events.append(
                other.id(),
                List.of(
                        new NewEvent(1, T0.plusSeconds(2), Level.ERROR, "k", "c", null),
                        new NewEvent(2, T0.plusSeconds(3), Level.WARNING, "k", "d", null)));

        assertThat(events.listRecent(Level.WARNING, 10))
                .extracting(Event::message)
                .containsExactly("d", "c", "a");
        assertThat(events.listRecent(Level.WARNING, 2))
                .extracting(Event::message)
                .containsExactly("d", "c");
        assertThat(events.listRecent(Level.DEBUG, 10))
                .extracting(Event::message)
                .containsExactly("b", "d", "c", "a");
        assertThat(events.listRecent(Level.ERROR, 10))
                .extracting(Event::runName)
                .containsExactly("run-2");
    }

    @Test
    void deletingARunDeletesItsEvents() {
        events.append(run.id(), batch(0, 3));

        db.useWrite(h -> h.execute("DELETE FROM runs WHERE id = ?", run.id()));

        assertThat(events.listRecent(Level.DEBUG, 10)).isEmpty();
    }
}
