package dev.runstore.desktop.app;

import dev.runstore.core.migrate.MigrationStatus;
import dev.runstore.desktop.data.DatabaseSession;
import java.nio.file.Path;

/**
 * {@code --self-test PATH}: opens the database headless through the same session calls the
 * panels use, prints its migration head and exits — a check that an installed app's runtime has
 * every module the console needs, without a display.
 */
final class SelfTest {
    private SelfTest() {}

    static int run(Path database) {
        try (DatabaseSession session = DatabaseSession.open(database, false)) {
            MigrationStatus status = session.migrationStatus();
            System.out.println(
                    "runstore console " + Launcher.version() + " self-test: " + session.path() + " at version "
                            + status.currentVersion() + " (latest " + status.latestVersion() + ")"
                            + (status.upToDate() ? ", up to date" : ", not up to date") + "; runs: "
                            + (session.isRunstore() ? session.recentRuns().size() : 0)
                            + "; checks " + (session.checks().ok() ? "passed" : "FAILED"));
            return 0;
        } catch (RuntimeException e) {
            System.err.println("error: " + e.getMessage());
            return 1;
        }
    }
}
