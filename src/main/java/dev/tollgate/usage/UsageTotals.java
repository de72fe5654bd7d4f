package dev.tollgate.usage;

import dev.tollgate.catalog.TokenCounts;
import dev.tollgate.money.Credits;
import java.util.Objects;

/** How many requests a set of usage rows holds, their tokens by kind and what they cost in all. */
public record UsageTotals(long requests, TokenCounts tokens, Credits totalCost) {

    public static final UsageTotals NONE = new UsageTotals(0, TokenCounts.NONE, Credits.ZERO);

    public UsageTotals {
        Objects.requireNonNull(tokens);
        Objects.requireNonNull(totalCost);
    }

    public UsageTotals plus(UsageTotals other) {
        return new UsageTotals(
                requests + other.requests,
                new TokenCounts(
                        tokens.input() + other.tokens.input(),
                        tokens.output() + other.tokens.output(),
                        tokens.cacheRead() + other.tokens.cacheRead(),
                        tokens.cacheWrite() + other.tokens.cacheWrite()),
                totalCost.plus(other.totalCost));
    }
}
