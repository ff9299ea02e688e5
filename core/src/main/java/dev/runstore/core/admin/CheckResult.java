package dev.runstore.core.admin;

/**
 * One check of a database: what was checked, whether it passed, and the detail a person needs
 * (what was found, or what to do).
 */
public record CheckResult(String name, boolean passed, String detail) {
    static CheckResult pass(String name, String detail) {
        return new CheckResult(name, true, detail);
    }

    static CheckResult fail(String name, String detail) {
        return new CheckResult(name, false, detail);
    }
}
