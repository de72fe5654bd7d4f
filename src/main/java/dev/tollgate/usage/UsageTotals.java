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
        return new UsageTotals(requests + other.requests, tokens.plus(other.tokens), totalCost.plus(other.totalCost));
    }
}
