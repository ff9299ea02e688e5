package dev.runstore.core.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runstore.core.admin.HealthChecks;
import dev.runstore.core.db.Database;
import dev.runstore.core.db.Dialect;
import dev.runstore.core.error.IncompatibleDatabaseException;
import dev.runstore.core.json.JsonText;
import dev.runstore.core.store.Event;
import dev.runstore.core.store.Events;
import dev.runstore.core.store.Level;
import dev.runstore.core.store.ListingQueries.EventOrder;
import dev.runstore.core.store.NewRun;
import dev.runstore.core.store.Run;
import dev.runstore.core.store.Runs;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The backend contract on a real PostgreSQL server (RUNSTORE_TEST_PG_URL; .ci/run starts one). */
class PostgresContractTest extends BackendContract {
    PostgresContractTest() {
        super(new Backend(Dialect.POSTGRESQL));
    }

    /**
     * Before schema version 3, runstore on PostgreSQL wrote big payloads into the working folder of
     * the ingesting host. Such an event says so; ingesting it again stores the payload in the
     * database, where every host then reads it.
     */
    @Test
    void anEventWhosePayloadAnOldRunstoreLeftInAWorkingFolderReadsOnceIngestedAgain() {
        try (Database db = migrated()) {
            Run run = new Runs(db).create(new NewRun("old", "test", Map.of(), T0));
            Map<String, Object> payload = bigPayload("old");
            Event event = appendBig(db, run, 1, payload);
            db.useWrite(h -> {
                h.execute(
                        "UPDATE events SET payload_uri = ? WHERE id = ?",
                        "postgres/sha256/" + event.payloadSha256().substring(0, 2) + "/"
                                + event.payloadSha256().substring(2),
                        event.id());
                h.execute("DELETE FROM payload_blobs");
            });
            Events events = new Events(db);
            Event old =
                    events.listForRun(run.id(), EventOrder.SEQ, Level.DEBUG, 1).get(0);

            assertThatThrownBy(() -> events.payload(old))
                    .isInstanceOf(IncompatibleDatabaseException.class)
                    .hasMessageContaining("event seq 1 of run \"old\"")
                    .hasMessageContaining("older than schema version 3");

            appendBig(db, run, 1, payload); // the same event again: skipped, its payload stored

            assertThat(events.payload(old).bytes())
                    .isEqualTo(JsonText.of(payload).bytes());
            assertThat(HealthChecks.run(db).ok()).isTrue();
        }
    }
}
