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

    /** Tries 1, 2, … significant digits, rounding both ways, until one reads back as {@code value}. */
    private static BigDecimal shortest(double value) {
        BigDecimal exact = new BigDecimal(value);
        for (int precision = 1; precision <= 17; precision++) {
            BigDecimal down = exact.round(new MathContext(precision, RoundingMode.DOWN));
            BigDecimal up = exact.round(new MathContext(precision, RoundingMode.UP));
            boolean downOk = down.doubleValue() == value;
            boolean upOk = up.doubleValue() == value;
            if (downOk && upOk) {
                // Both read back: Python keeps the one nearer the true value.
                return exact.subtract(down).abs().compareTo(up.subtract(exact).abs()) <= 0 ? down : up;
            }
            if (downOk) {
                return down;
            }
            if (upOk) {
                return up;
            }
        }
        return exact.round(MathContext.DECIMAL64); // 17 digits always read back; not reached
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
