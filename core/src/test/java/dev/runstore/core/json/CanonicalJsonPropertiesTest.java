package dev.runstore.core.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class CanonicalJsonPropertiesTest {
    @Property(tries = 300)
    void keyInsertionOrderNeverChangesTheBytes(@ForAll("jsonObjects") Map<String, Object> value, @ForAll long seed) {
        Map<String, Object> shuffled = shuffledCopy(value, new Random(seed));

        assertThat(CanonicalJson.toBytes(shuffled)).isEqualTo(CanonicalJson.toBytes(value));
        assertThat(CanonicalJson.sha256Hex(shuffled)).isEqualTo(CanonicalJson.sha256Hex(value));
    }

    @Property(tries = 300)
    void parsingTheCanonicalFormGivesBackTheSameValue(@ForAll("jsonObjects") Map<String, Object> value) {
        String canonical = CanonicalJson.toJson(value);

        Map<String, Object> parsed = CanonicalJson.parse(canonical, new TypeReference<>() {});
        assertThat(parsed).isEqualTo(value);
    }

    @Property(tries = 300)
    void canonicalizingIsIdempotent(@ForAll("jsonObjects") Map<String, Object> value) {
        String once = CanonicalJson.toJson(value);

        assertThat(JsonText.parse(once).json()).isEqualTo(once);
    }

    @Provide
    Arbitrary<Map<String, Object>> jsonObjects() {
        return objects(3);
    }

    private Arbitrary<Map<String, Object>> objects(int depth) {
        return Arbitraries.maps(keys(), values(depth)).ofMaxSize(6);
    }

    private Arbitrary<Object> values(int depth) {
        List<Arbitrary<?>> choices = new ArrayList<>(List.of(
                Arbitraries.strings().ofMaxLength(12).filter(CanonicalJsonPropertiesTest::noLoneSurrogate),
                Arbitraries.integers(),
                // Values outside int become Long and outside long BigInteger when Jackson reads them.
                Arbitraries.longs().filter(l -> l < Integer.MIN_VALUE || l > Integer.MAX_VALUE),
                Arbitraries.bigIntegers()
                        .between(BigInteger.TEN.pow(30).negate(), BigInteger.TEN.pow(30))
                        .filter(b -> b.bitLength() > 63),
                Arbitraries.doubles()
                        .withSpecialValue(-0.0)
                        .withSpecialValue(Double.MIN_VALUE)
                        .withSpecialValue(1e16)
                        .filter(Double::isFinite),
                Arbitraries.of(true, false),
                Arbitraries.just(null)));
        if (depth > 0) {
            choices.add(Arbitraries.lazy(() -> objects(depth - 1)));
            choices.add(Arbitraries.lazy(() -> values(depth - 1)).list().ofMaxSize(4));
        }
        return Arbitraries.oneOf(
                choices.stream().map(a -> a.map(v -> (Object) v)).toList());
    }

    private static Arbitrary<String> keys() {
        return Arbitraries.oneOf(
                Arbitraries.strings().alpha().ofMaxLength(4),
                Arbitraries.strings()
                        .withCharRange('\u00a0', '\uffff')
                        .ofMaxLength(3)
                        .filter(CanonicalJsonPropertiesTest::noLoneSurrogate),
                Arbitraries.of("\uD83D\uDE00", "\uD835\uDC00", "\uFFFF", "\uE000", ""));
    }

    private static boolean noLoneSurrogate(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> shuffledCopy(Map<String, Object> map, Random random) {
        List<String> keys = new ArrayList<>(map.keySet());
        Collections.shuffle(keys, random);
        Map<String, Object> copy = new LinkedHashMap<>();
        for (String key : keys) {
            Object value = map.get(key);
            copy.put(
                    key,
                    value instanceof Map<?, ?> nested ? shuffledCopy((Map<String, Object>) nested, random) : value);
        }
        return copy;
    }
}
