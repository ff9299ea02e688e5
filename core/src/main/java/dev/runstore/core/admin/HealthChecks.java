package dev.runstore.core.admin;

import dev.runstore.core.db.Database;
import dev.runstore.core.db.Dialect;
import dev.runstore.core.migrate.MigrationStatus;
import dev.runstore.core.migrate.Migrator;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything {@code runstore check} and the console's Checks tab verify: the indexes and query
 * plans ({@link IndexChecks}); on SQLite also WAL, foreign keys, {@code quick_check} and {@code
 * foreign_key_check} (PostgreSQL has those built in); and that the migrations are applied and
 * valid. Read-only.
 */
public final class HealthChecks {
    private HealthChecks() {}

    public static CheckReport run(Database db) {
        List<CheckResult> checks = new ArrayList<>(IndexChecks.run(db));
        if (db.dialect() == Dialect.SQLITE) {
            checks.addAll(sqliteChecks(db));
        }
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

    private static List<CheckResult> sqliteChecks(Database db) {
        return db.read(h -> {
            List<CheckResult> checks = new ArrayList<>();
            String mode =
                    h.createQuery("PRAGMA journal_mode").mapTo(String.class).one();
            checks.add(
                    "wal".equalsIgnoreCase(mode)
                            ? CheckResult.pass("journal mode", "wal")
                            : CheckResult.fail(
                                    "journal mode",
                                    mode + "; open the database read-write once with runstore to switch it to WAL"));
            checks.add(
                    h.createQuery("PRAGMA foreign_keys").mapTo(Integer.class).one() == 1
                            ? CheckResult.pass("foreign keys", "enforced on runstore's connections")
                            : CheckResult.fail("foreign keys", "off; this is a runstore bug, please report it"));
            List<String> integrity =
                    h.createQuery("PRAGMA quick_check").mapTo(String.class).list();
            checks.add(
                    integrity.equals(List.of("ok"))
                            ? CheckResult.pass("quick_check", "ok")
                            : CheckResult.fail(
                                    "quick_check",
                                    String.join("; ", integrity.subList(0, Math.min(5, integrity.size())))
                                            + "; restore the database from a backup"));
            List<String> orphans = h.createQuery("PRAGMA foreign_key_check")
                    .map((rs, ctx) -> rs.getString(1) + " row " + rs.getLong(2) + " -> " + rs.getString(3))
                    .list();
            checks.add(
                    orphans.isEmpty()
                            ? CheckResult.pass("foreign_key_check", "no orphan rows")
                            : CheckResult.fail(
                                    "foreign_key_check",
                                    orphans.size() + " orphan rows, e.g. "
                                            + String.join(", ", orphans.subList(0, Math.min(5, orphans.size())))));
            return checks;
        });
    }
}
