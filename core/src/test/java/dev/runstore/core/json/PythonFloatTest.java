package dev.runstore.core.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PythonFloatTest {

    @ParameterizedTest(name = "{1} prints as {0}")
    @CsvSource({
        // Expected texts are Python 3's repr of the double given by its hex form.
        "5e-324, 0x0.0000000000001p-1022",
        "1e-323, 0x0.0000000000002p-1022",
        "1.5e-323, 0x0.0000000000003p-1022",
        "3.5e-323, 0x0.0000000000007p-1022",
        "4.4e-323, 0x0.0000000000009p-1022",
        "2.2e-322, 0x0.000000000002dp-1022",
        "2.225073858507201e-308, 0x0.fffffffffffffp-1022",
        "2.2250738585072014e-308, 0x1.0000000000000p-1022",
        "1e+16, 0x1.1c37937e08000p+53",
        "9999999999999998.0, 0x1.1c37937e07fffp+53",
        "1e-05, 0x1.4f8b588e368f1p-17",
        "0.0001, 0x1.a36e2eb1c432dp-14",
        "0.1, 0x1.999999999999ap-4",
        "0.3333333333333333, 0x1.5555555555555p-2",
        "1.7976931348623157e+308, 0x1.fffffffffffffp+1023",
        "1.2345678901234568e+17, 0x1.b69b4ba630f35p+56",
        "9.223372036854776e+18, 0x1.0000000000000p+63",
        "577014386366.3438, 0x1.0cb1799d7cb00p+39",
    })
    void printsWhatPythonPrints(String python, String hex) {
        assertThat(PythonFloat.repr(Double.parseDouble(hex))).isEqualTo(python);
    }

    @Property(tries = 20_000)
    void agreesWithTheShortestRoundingSearchOnAnyDouble(@ForAll("finiteDoubles") double value) {
        assertThat(PythonFloat.repr(value)).isEqualTo(ShortestByRounding.repr(value));
    }

    @Property(tries = 5_000)
    void agreesWithTheShortestRoundingSearchOnSubnormals(@ForAll("subnormals") double value) {
        assertThat(PythonFloat.repr(value)).isEqualTo(ShortestByRounding.repr(value));
    }

    @Provide
    Arbitrary<Double> finiteDoubles() {
        return Arbitraries.longs().map(Double::longBitsToDouble).filter(d -> !Double.isNaN(d) && !Double.isInfinite(d));
    }

    @Provide
    Arbitrary<Double> subnormals() {
        return Arbitraries.longs()
                .between(1, (1L << 52) - 1)
                .withDistribution(net.jqwik.api.RandomDistribution.biased())
                .map(Double::longBitsToDouble);
    }

    /**
     * The slow, obviously correct reference: round the exact binary value to fewer and fewer
     * digits while it still reads back, taking the nearer rounding at each length.
     */
    static final class ShortestByRounding {
        static String repr(double value) {
            if (value == 0) {
                return (Double.doubleToRawLongBits(value) < 0) ? "-0.0" : "0.0";
            }
            BigDecimal exact = new BigDecimal(value);
            BigDecimal best = exact;
            for (int precision = 17; precision >= 1; precision--) {
                BigDecimal down = exact.round(new MathContext(precision, RoundingMode.DOWN));
                BigDecimal up = exact.round(new MathContext(precision, RoundingMode.UP));
                boolean downOk = down.doubleValue() == value;
                boolean upOk = up.doubleValue() == value;
                if (downOk && upOk) {
                    int nearer = exact.subtract(down)
                            .abs()
                            .compareTo(up.subtract(exact).abs());
                    // An exact tie goes to the even last digit, as Python's (David Gay's) dtoa does.
                    boolean downIsEven = !down.unscaledValue().testBit(0);
                    best = nearer < 0 || (nearer == 0 && downIsEven) ? down : up;
                } else if (downOk || upOk) {
                    best = downOk ? down : up;
                } else if (precision < 17) {
                    break;
                }
            }
            best = best.stripTrailingZeros();
            String digits = best.unscaledValue().abs().toString();
            int point = digits.length() - best.scale();
            String sign = value < 0 ? "-" : "";
            if (point > -4 && point <= 16) {
                if (point <= 0) {
                    return sign + "0." + "0".repeat(-point) + digits;
                }
                if (point >= digits.length()) {
                    return sign + digits + "0".repeat(point - digits.length()) + ".0";
                }
                return sign + digits.substring(0, point) + "." + digits.substring(point);
            }
            int exponent = point - 1;
            String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
            int abs = Math.abs(exponent);
            return sign + mantissa + "e" + (exponent < 0 ? "-" : "+") + (abs < 10 ? "0" : "") + abs;
        }
    }
}
