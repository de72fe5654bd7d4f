package dev.tollgate.provider.simulator;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.random.RandomGenerator;
import tools.jackson.databind.JsonNode;

/**
 * The values a number schema allows: its bounds (inclusive or not) and whether it must be whole. Bounds of more than
 * {@value #LARGEST_EXPONENT} decimal digits either side of the point are brought within that (a bound of
 * {@code 1e100000000} becomes {@code 1e100}, one of {@code 1e-100000000} zero), since arithmetic on them as written
 * would take minutes; values drawn for such a schema miss its bound.
 */
record NumberRange(BigDecimal low, boolean lowExclusive, BigDecimal high, boolean highExclusive, boolean integer) {

    private static final BigDecimal SPAN = BigDecimal.valueOf(100);
    private static final int LARGEST_EXPONENT = 100;
    private static final BigDecimal LARGEST = BigDecimal.TEN.pow(LARGEST_EXPONENT);

    static NumberRange of(JsonNode schema, boolean integer) {
        BigDecimal low = null;
        BigDecimal high = null;
        boolean lowExclusive = false;
        boolean highExclusive = false;
        if (schema.path("minimum").isNumber()) {
            low = bound(schema.get("minimum"));
            lowExclusive = schema.path("exclusiveMinimum").asBoolean(false);
        }
        if (schema.path("exclusiveMinimum").isNumber()) {
            low = bound(schema.get("exclusiveMinimum"));
            lowExclusive = true;
        }
        if (schema.path("maximum").isNumber()) {
            high = bound(schema.get("maximum"));
            highExclusive = schema.path("exclusiveMaximum").asBoolean(false);
        }
        if (schema.path("exclusiveMaximum").isNumber()) {
            high = bound(schema.get("exclusiveMaximum"));
            highExclusive = true;
        }
        if (low == null) {
            low = high == null ? BigDecimal.ONE : high.subtract(SPAN);
        }
        if (high == null) {
            high = low.add(SPAN);
        }
        return new NumberRange(low, lowExclusive, high, highExclusive, integer);
    }

    /** The bound within the magnitudes the range works with; a bound too large for a double is infinite there. */
    private static BigDecimal bound(JsonNode number) {
        if (number.isFloatingPointNumber() && !number.isBigDecimal() && !Double.isFinite(number.doubleValue())) {
            return number.doubleValue() > 0 ? LARGEST : LARGEST.negate();
        }
        BigDecimal bound = number.decimalValue();
        if (bound.signum() == 0) {
            return BigDecimal.ZERO;
        }
        long exponent = (long) bound.precision() - bound.scale() - 1;
        if (exponent > LARGEST_EXPONENT) {
            return bound.signum() > 0 ? LARGEST : LARGEST.negate();
        }
        return exponent < -LARGEST_EXPONENT ? BigDecimal.ZERO : bound;
    }

    boolean allows(BigDecimal value) {
        int fromLow = value.compareTo(low);
        int fromHigh = value.compareTo(high);
        return (!integer || value.stripTrailingZeros().scale() <= 0)
                && (lowExclusive ? fromLow > 0 : fromLow >= 0)
                && (highExclusive ? fromHigh < 0 : fromHigh <= 0);
    }

    BigDecimal draw(RandomGenerator random) {
        if (integer) {
            BigDecimal first = lowExclusive
                    ? low.setScale(0, RoundingMode.FLOOR).add(BigDecimal.ONE)
                    : low.setScale(0, RoundingMode.CEILING);
            BigDecimal last = highExclusive
                    ? high.setScale(0, RoundingMode.CEILING).subtract(BigDecimal.ONE)
                    : high.setScale(0, RoundingMode.FLOOR);
            if (last.compareTo(first) <= 0) {
                return first;
            }
            long width = last.subtract(first).min(BigDecimal.valueOf(1_000_000)).longValue();
            return first.add(BigDecimal.valueOf(random.nextLong(width + 1)));
        }
        BigDecimal width = high.subtract(low);
        BigDecimal drawn =
                low.add(width.multiply(BigDecimal.valueOf(random.nextDouble()))).setScale(2, RoundingMode.HALF_UP);
        return allows(drawn) ? drawn : low.add(high).divide(BigDecimal.TWO);
    }
}
