package dev.tollgate.usage;

import dev.tollgate.catalog.TokenCounts;
import dev.tollgate.money.Credits;
import java.util.Objects;

/**
 * How many requests a set of usage rows holds, their tokens by kind (with how many of the output tokens were
 * reasoning) and what they cost in all.
 */
public record UsageTotals(long requests, TokenCounts tokens, long reasoningTokens, Credits totalCost) {

    public static final UsageTotals NONE = new UsageTotals(0, TokenCounts.NONE, 0, Credits.ZERO);

    public UsageTotals {
        Objects.requireNonNull(tokens);
        Objects.requireNonNull(totalCost);
    }

    public UsageTotals plus(UsageTotals other) {
        return new UsageTotals(
                requests + other.requests,
                tokens.plus(other.tokens),
                reasoningTokens + other.reasoningTokens,
                totalCost.plus(other.totalCost));
    }
}
