package dev.runstore.core.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Java's canonical JSON against Python's, case by case. The corpus is written by
 * core/src/test/scripts/generate_canonical_json_corpus.py (see docs/json-and-time.md).
 */
class CanonicalJsonCorpusTest {
    record Case(String name, String input, String canonical, String sha256) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<Case> corpus() {
        ObjectMapper plain = new ObjectMapper();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(
                Objects.requireNonNull(
                        CanonicalJsonCorpusTest.class.getResourceAsStream("/canonical-json/corpus.jsonl")),
                StandardCharsets.UTF_8))) {
            return lines.lines()
                    .map(line -> {
                        try {
                            JsonNode c = plain.readTree(line);
                            return new Case(
                                    c.get("name").asText(),
                                    c.get("input").asText(),
                                    c.get("canonical").asText(),
                                    c.get("sha256").asText());
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    })
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void theCorpusHasAtLeast500GeneratedCasesPlusEdgeCases() {
        List<Case> cases = corpus();
        assertThat(cases.stream().filter(c -> c.name().startsWith("generated"))).hasSizeGreaterThanOrEqualTo(500);
        assertThat(cases.stream().filter(c -> !c.name().startsWith("generated")))
                .hasSizeGreaterThanOrEqualTo(30);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void javaWritesTheSameBytesAndHashAsPython(Case c) {
        JsonText text = JsonText.parse(c.input());

        assertThat(text.json()).isEqualTo(c.canonical());
        assertThat(text.bytes()).isEqualTo(c.canonical().getBytes(StandardCharsets.UTF_8));
        assertThat(text.sha256Hex()).isEqualTo(c.sha256());
    }
}
