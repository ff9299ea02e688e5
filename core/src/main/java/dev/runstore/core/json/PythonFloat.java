package dev.runstore.core.json;

import com.fasterxml.jackson.core.io.NumberOutput;
import java.math.BigDecimal;

/**
 * Formats a double exactly as Python's {@code repr(float)} does: the shortest decimal that reads
 * back as the same double (nearest to the true value among equally short ones), in fixed notation
 * when the decimal point falls within 16 digits ({@code 100.0}, {@code 0.0001}) and in scientific
 * notation otherwise ({@code 1e+16}, {@code 1e-05}, {@code 5e-324}).
 *
 * <p>The digits come from Jackson's Schubfach writer ({@code NumberOutput.toString(v, true)}, the
 * algorithm behind JDK 19's {@code Double.toString}): shortest and nearest, as Python's. JDK 17's
 * own {@code Double.toString} is not always shortest. One difference remains: Schubfach keeps two
 * digits when one digit would do but two are nearer ({@code 4.9E-324} where Python prints {@code
 * 5e-324}), which can only happen for subnormals, where a double has few significant bits.
 */
final class PythonFloat {
    private PythonFloat() {}

    static String repr(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(
                    value + " is not valid JSON (NaN and Infinity have no JSON form, and a number beyond"
                            + " ±1.8e308 reads as Infinity); store null or a string instead");
        }
        if (value == 0) {
            return (Double.doubleToRawLongBits(value) < 0) ? "-0.0" : "0.0";
        }
        double magnitude = Math.abs(value);
        Decimal shortest = Decimal.parse(NumberOutput.toString(magnitude, true));
        if (magnitude < Double.MIN_NORMAL && shortest.digits.length() == 2) {
            shortest = shortest.oneDigitIfItReadsBack(magnitude);
        }
        StringBuilder out = new StringBuilder(24);
        if (value < 0) {
            out.append('-');
        }
        if (shortest.point > -4 && shortest.point <= 16) {
            fixed(shortest.digits, shortest.point, out);
        } else {
            scientific(shortest.digits, shortest.point - 1, out);
        }
        return out.toString();
    }

    /**
     * A Java float means the decimal it prints as (0.1f is 0.1), not its binary expansion: the
     * shortest decimal of the float, read as a double.
     */
    static String reprOfFloat(float value) {
        if (Float.isNaN(value) || Float.isInfinite(value)) {
            return repr(value);
        }
        return repr(Double.parseDouble(NumberOutput.toString(value, true)));
    }

    /** A positive decimal 0.DIGITS x 10^point, digits without leading or trailing zeros. */
    private record Decimal(String digits, int point) {
        /** Reads Java's format: {@code 123.45}, {@code 0.001}, {@code 1.0E16}, {@code 4.9E-324}. */
        static Decimal parse(String java) {
            int e = java.indexOf('E');
            int end = e < 0 ? java.length() : e;
            int dot = java.indexOf('.');
            StringBuilder digits = new StringBuilder(end);
            digits.append(java, 0, dot).append(java, dot + 1, end);
            int point = dot + (e < 0 ? 0 : Integer.parseInt(java, e + 1, java.length(), 10));
            int lead = 0;
            while (digits.charAt(lead) == '0') {
                lead++;
            }
            int trail = digits.length();
            while (digits.charAt(trail - 1) == '0') {
                trail--;
            }
            return new Decimal(digits.substring(lead, trail), point - lead);
        }

        /** The nearer one-digit rounding of these two digits that still reads back, else this. */
        Decimal oneDigitIfItReadsBack(double magnitude) {
            int first = digits.charAt(0) - '0';
            Decimal down = new Decimal(Integer.toString(first), point);
            Decimal up = first == 9 ? new Decimal("1", point + 1) : new Decimal(Integer.toString(first + 1), point);
            boolean downOk = down.doubleValue() == magnitude;
            boolean upOk = up.doubleValue() == magnitude;
            if (downOk && upOk) {
                BigDecimal exact = new BigDecimal(magnitude);
                BigDecimal toDown = exact.subtract(down.exact()).abs();
                return toDown.compareTo(up.exact().subtract(exact).abs()) <= 0 ? down : up;
            }
            return downOk ? down : upOk ? up : this;
        }

        double doubleValue() {
            return exact().doubleValue();
        }

        BigDecimal exact() {
            return new BigDecimal("0." + digits + "E" + point);
        }
    }

    private static void fixed(String digits, int decimalPoint, StringBuilder out) {
        if (decimalPoint <= 0) {
            out.append("0.");
            out.append("0".repeat(-decimalPoint)).append(digits);
        } else if (decimalPoint >= digits.length()) {
            out.append(digits)
                    .append("0".repeat(decimalPoint - digits.length()))
                    .append(".0");
        } else {
            out.append(digits, 0, decimalPoint).append('.').append(digits, decimalPoint, digits.length());
        }
    }

    private static void scientific(String digits, int exponent, StringBuilder out) {
        out.append(digits.charAt(0));
        if (digits.length() > 1) {
            out.append('.').append(digits, 1, digits.length());
        }
        int abs = Math.abs(exponent);
        out.append('e')
                .append(exponent < 0 ? '-' : '+')
                .append(abs < 10 ? "0" : "")
                .append(abs);
    }
}
