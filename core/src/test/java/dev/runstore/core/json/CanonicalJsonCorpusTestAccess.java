package dev.runstore.core.json;

import java.util.List;

/** Lets tests in other packages read the canonical JSON corpus. */
public final class CanonicalJsonCorpusTestAccess {
    public record Case(String name, String input, String canonical, String sha256) {}

    private CanonicalJsonCorpusTestAccess() {}

    public static List<Case> corpus() {
        return CanonicalJsonCorpusTest.corpus().stream()
                .map(c -> new Case(c.name(), c.input(), c.canonical(), c.sha256()))
                .toList();
    }
}
