package dev.runstore.core.admin;

import dev.runstore.core.db.Database;
import dev.runstore.core.migrate.MigrationStatus;
import dev.runstore.core.migrate.Migrator;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything {@code runstore check} and the console's Checks tab verify: the indexes and query
 * plans ({@link IndexChecks}), WAL, foreign keys, {@code quick_check}, {@code foreign_key_check},
 * and that the migrations are applied and valid. Read-only.
 */
public final class HealthChecks {
    private HealthChecks() {}

    public static CheckReport run(Database db) {
        List<CheckResult> checks = new ArrayList<>(IndexChecks.run(db));
        checks.add(db.read(h -> {
            String mode =
                    h.createQuery("PRAGMA journal_mode").mapTo(String.class).one();
            return "wal".equalsIgnoreCase(mode)
                    ? CheckResult.pass("journal mode", "wal")
                    : CheckResult.fail(
                            "journal mode",
                            mode + "; open the database read-write once with runstore to" + " switch it to WAL");
        }));
        checks.add(db.read(
                h -> h.createQuery("PRAGMA foreign_keys").mapTo(Integer.class).one() == 1
                        ? CheckResult.pass("foreign keys", "enforced on runstore's connections")
                        : CheckResult.fail("foreign keys", "off; this is a runstore bug, please report it")));
        checks.add(db.read(h -> {
            List<String> result =
                    h.createQuery("PRAGMA quick_check").mapTo(String.class).list();
            return result.equals(List.of("ok"))
                    ? CheckResult.pass("quick_check", "ok")
                    : CheckResult.fail(
                            "quick_check",
                            String.join("; ", result.subList(0, Math.min(5, result.size())))
                                    + "; restore the database from a backup");
        }));
        checks.add(db.read(h -> {
            List<String> orphans = h.createQuery("PRAGMA foreign_key_check")
                    .map((rs, ctx) -> rs.getString(1) + " row " + rs.getLong(2) + " -> " + rs.getString(3))
                    .list();
            return orphans.isEmpty()
                    ? CheckResult.pass("foreign_key_check", "no orphan rows")
                    : CheckResult.fail(
                            "foreign_key_check",
                            orphans.size() + " orphan rows, e.g. "
                                    + String.join(", ", orphans.subList(0, Math.min(5, orphans.size()))));
        }));
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
}
