package dev.tollgate.catalog;

import dev.tollgate.money.Credits;
import java.math.BigDecimal;

/**
 * A chat model's prices per one million tokens. Cache reads and writes are priced as multiples of the input price
 * (0.53× for reads, 1.25× for five-minute writes and 2× for one-hour writes in the seeded catalog) and billed as
 * lines of their own.
 */
public record TokenPricing(
        Credits inputPerMillion,
        Credits outputPerMillion,
        BigDecimal cacheReadMultiplier,
        BigDecimal cacheWriteMultiplier,
        BigDecimal cacheWrite1hMultiplier) {

    public TokenPricing {
        if (inputPerMillion.isNegative() || outputPerMillion.isNegative()) {
            throw new IllegalArgumentException("Token prices are not negative");
        }
        if (cacheReadMultiplier.signum() < 0
                || cacheWriteMultiplier.signum() < 0
                || cacheWrite1hMultiplier.signum() < 0) {
            throw new IllegalArgumentException("Cache multipliers are not negative");
        }
    }

    public Credits cacheReadPerMillion() {
        return inputPerMillion.times(cacheReadMultiplier);
    }

    public Credits cacheWritePerMillion() {
        return inputPerMillion.times(cacheWriteMultiplier);
    }

    public Credits cacheWrite1hPerMillion() {
        return inputPerMillion.times(cacheWrite1hMultiplier);
    }

    /** The exact cost of these tokens, each kind at its own price, rounded half-up to the nano-credit per line. */
    public ChatCost costOf(TokenCounts tokens) {
        return new ChatCost(
                perMillion(inputPerMillion, tokens.input()),
                perMillion(outputPerMillion, tokens.output()),
                perMillion(cacheReadPerMillion(), tokens.cacheRead()),
                perMillion(cacheWritePerMillion(), tokens.cacheWrite()),
                perMillion(cacheWrite1hPerMillion(), tokens.cacheWrite1h()));
    }

    private static Credits perMillion(Credits price, long tokens) {
        return price.times(BigDecimal.valueOf(tokens).movePointLeft(6));
    }
}
