package io.hearth.runtime.java;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * A JSON number kept as its text until the target type is known, so that {@code BigDecimal} and
 * {@code long} targets lose nothing. {@code NaN}, {@code Infinity} and {@code -Infinity} are
 * accepted as Lambda's lenient reader accepts them.
 */
record JsonNumber(String text, boolean integral) {

    boolean nonFinite() {
        return text.endsWith("NaN") || text.endsWith("Infinity");
    }

    /** The value as an untyped handler sees it: Integer, Long or BigInteger if integral, else Double. */
    Object natural() {
        if (!integral) return doubleValue();
        if (text.length() <= 9) return Integer.parseInt(text);
        BigInteger big = new BigInteger(text);
        if (big.bitLength() < 32) return big.intValue();
        if (big.bitLength() < 64) return big.longValue();
        return big;
    }

    double doubleValue() {
        return switch (text) {
            case "NaN", "+NaN", "-NaN" -> Double.NaN;
            case "Infinity", "+Infinity" -> Double.POSITIVE_INFINITY;
            case "-Infinity" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(text);
        };
    }

    BigDecimal bigDecimal() {
        return new BigDecimal(text);
    }

    /** The integral part (a fraction is cut off, as Lambda's mapper accepts floats for integers). */
    BigInteger bigInteger() {
        return integral ? new BigInteger(text) : bigDecimal().toBigInteger();
    }
}
