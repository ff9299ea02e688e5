package dev.runstore.core.admin;

import dev.runstore.core.db.Database;
import dev.runstore.core.db.Engine;
import dev.runstore.core.migrate.MigrationStatus;
import dev.runstore.core.migrate.Migrator;
import dev.runstore.core.store.Events;
import dev.runstore.core.store.PayloadAudit;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything {@code runstore check} and the console's Checks tab verify: the indexes and query
 * plans ({@link IndexChecks}); the engine's own checks (on SQLite WAL, foreign keys, {@code
 * quick_check} and {@code foreign_key_check}; on PostgreSQL invalid indexes); that every
 * out-of-line payload exists and matches its SHA-256; and that the migrations are applied and
 * valid. Read-only.
 */
public final class HealthChecks {
    private HealthChecks() {}

    /** Every check, each out-of-line payload read and checked against its SHA-256. */
    public static CheckReport run(Database db) {
        return run(db, true);
    }

    /**
     * Every check; with {@code readPayloads} false the out-of-line payloads are only found present,
     * not read: for a console that refreshes every few seconds (their bytes may be gigabytes).
     */
    public static CheckReport run(Database db, boolean readPayloads) {
        List<CheckResult> checks = new ArrayList<>(IndexChecks.run(db));
        for (Engine.Check check : db.read(h -> db.engine().checks(h))) {
            checks.add(
                    check.passed()
                            ? CheckResult.pass(check.name(), check.detail())
                            : CheckResult.fail(check.name(), check.detail()));
        }
        checks.add(payloads(db, readPayloads));
        MigrationStatus status = new Migrator().status(db);
        if (status.upToDate()) {
            checks.add(CheckResult.pass("migrations", "at version " + status.currentVersion() + ", valid"));
        } else {
            List<String> issues = new ArrayList<>(status.problems());
            if (!status.pending().isEmpty()) {
                issues.add(status.pending().size() + " pending (latest " + status.latestVersion() + "); run migrate");
            }
            checks.add(CheckResult.fail("migrations", String.join("; ", issues)));
        }
        return new CheckReport(checks.stream().allMatch(CheckResult::passed), checks);
    }

    /** How many failures the payloads check names; it still counts them all. */
    static final int NAMED_PAYLOAD_FAILURES = 3;

    private static CheckResult payloads(Database db, boolean readPayloads) {
        if (!db.read(h -> db.engine().tables(h)).contains("events")) {
            return CheckResult.fail("payloads", "no events table; run migrate");
        }
        PayloadAudit audit = new Events(db).verifyOutOfLinePayloads(NAMED_PAYLOAD_FAILURES, readPayloads);
        String count = audit.payloads() + " out-of-line payload" + (audit.payloads() == 1 ? "" : "s");
        if (audit.failed() == 0) {
            return CheckResult.pass(
                    "payloads",
                    audit.payloads() == 0
                            ? "no out-of-line payloads"
                            : audit.contentsRead()
                                    ? count + " (" + audit.bytes() + " bytes) present and matching their SHA-256"
                                    : count + " present (runstore check also reads each and checks its SHA-256)");
        }
        return CheckResult.fail(
                "payloads",
                audit.failed() + " of " + count + " missing or corrupt: "
                        + String.join("; ", audit.firstFailures())
                        + (audit.failed() > audit.firstFailures().size() ? "; …" : ""));
    }
}
