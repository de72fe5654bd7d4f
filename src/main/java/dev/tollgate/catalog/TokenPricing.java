package dev.tollgate.catalog;

import dev.tollgate.money.Credits;
import java.math.BigDecimal;

/**
 * A chat model's prices per one million tokens. Cache reads and writes are priced as multiples of the input price
 * (0.53× and 1.25× in the seeded catalog) and billed as lines of their own.
 */
public record TokenPricing(
        Credits inputPerMillion,
        Credits outputPerMillion,
        BigDecimal cacheReadMultiplier,
        BigDecimal cacheWriteMultiplier) {

    public TokenPricing {
        if (inputPerMillion.isNegative() || outputPerMillion.isNegative()) {
            throw new IllegalArgumentException("Token prices are not negative");
        }
        if (cacheReadMultiplier.signum() < 0 || cacheWriteMultiplier.signum() < 0) {
            throw new IllegalArgumentException("Cache multipliers are not negative");
        }
    }

    public Credits cacheReadPerMillion() {
        return inputPerMillion.times(cacheReadMultiplier);
    }

    public Credits cacheWritePerMillion() {
        return inputPerMillion.times(cacheWriteMultiplier);
    }
}
