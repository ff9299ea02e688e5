package dev.runstore.core.json;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Formats a double exactly as Python's {@code repr(float)} does: the shortest decimal that reads
 * back as the same double (nearest to the true value among equally short ones), in fixed notation
 * when the decimal point falls within 16 digits ({@code 100.0}, {@code 0.0001}) and in scientific
 * notation otherwise ({@code 1e+16}, {@code 1e-05}, {@code 5e-324}).
 *
 * <p>Java's {@code Double.toString} is not usable: it always prints at least two significant digits
 * ({@code 4.9E-324} where Python prints {@code 5e-324}) and, before JDK 19, was not always shortest.
 */
final class PythonFloat {
    private PythonFloat() {}

    static String repr(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(
                    value + " is not valid JSON (NaN and Infinity have no JSON form); store null or a string instead");
        }
        if (value == 0) {
            return (Double.doubleToRawLongBits(value) < 0) ? "-0.0" : "0.0";
        }
        BigDecimal shortest = shortest(value).stripTrailingZeros();
        String digits = shortest.unscaledValue().abs().toString();
        int decimalPoint = digits.length() - shortest.scale(); // value = 0.DIGITS x 10^decimalPoint
        String sign = value < 0 ? "-" : "";
        if (decimalPoint > -4 && decimalPoint <= 16) {
            return sign + fixed(digits, decimalPoint);
        }
        return sign + scientific(digits, decimalPoint - 1);
    }

    /**
     * The shortest decimal that reads back as {@code value}. Java's {@code Double.toString} is a
     * fast first guess that always reads back, but it keeps at least two digits and on JDK 17 is
     * sometimes longer than needed; so shorter roundings of it are tried until one no longer reads
     * back (usually one try). Ties between two equally short candidates go to the nearer one.
     */
    private static BigDecimal shortest(double value) {
        BigDecimal exact = new BigDecimal(value);
        BigDecimal best = new BigDecimal(Double.toString(value)).stripTrailingZeros();
        for (int precision = best.precision() - 1; precision >= 1; precision--) {
            BigDecimal candidate = nearestReadingBack(exact, precision, value);
            if (candidate == null) {
                break;
            }
            best = candidate;
        }
        return best;
    }

    /** The nearer of the two {@code precision}-digit roundings that reads back, or null. */
    private static BigDecimal nearestReadingBack(BigDecimal exact, int precision, double value) {
        BigDecimal down = exact.round(new MathContext(precision, RoundingMode.DOWN));
        BigDecimal up = exact.round(new MathContext(precision, RoundingMode.UP));
        boolean downOk = down.doubleValue() == value;
        boolean upOk = up.doubleValue() == value;
        if (downOk && upOk) {
            return exact.subtract(down).abs().compareTo(up.subtract(exact).abs()) <= 0 ? down : up;
        }
        return downOk ? down : upOk ? up : null;
    }

    private static String fixed(String digits, int decimalPoint) {
        if (decimalPoint <= 0) {
            return "0." + "0".repeat(-decimalPoint) + digits;
        }
        if (decimalPoint >= digits.length()) {
            return digits + "0".repeat(decimalPoint - digits.length()) + ".0";
        }
        return digits.substring(0, decimalPoint) + "." + digits.substring(decimalPoint);
    }

    private static String scientific(String digits, int exponent) {
        String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
        String sign = exponent < 0 ? "-" : "+";
        int abs = Math.abs(exponent);
        return mantissa + "e" + sign + (abs < 10 ? "0" : "") + abs;
    }
}
