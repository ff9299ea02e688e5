package dev.runstore.core.admin;

import java.util.List;

/** The outcome of {@link HealthChecks#run}: ok when every check passed. */
public record CheckReport(boolean ok, List<CheckResult> checks) {
    public CheckReport {
        checks = List.copyOf(checks);
    }
}
