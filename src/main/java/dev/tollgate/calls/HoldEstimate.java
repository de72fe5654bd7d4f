package dev.tollgate.calls;

import dev.tollgate.catalog.TokenCounts;
import dev.tollgate.catalog.TokenPricing;
import dev.tollgate.money.Credits;

/**
 * What to hold for a chat request before calling the upstream: the whole prompt at the dearest input rate (it may
 * all turn out to be a cache write, five minutes' or an hour's) plus the full output cap. The actual charge can only
 * be lower.
 */
record HoldEstimate(long promptTokens, int maxTokens, Credits amount) {

    /** The smallest output cap the pipeline lowers an unchosen {@code max_tokens} to, to fit the balance. */
    static final int OUTPUT_FLOOR = 256;

    private static final Credits SMALLEST_HOLD = Credits.parse("0.000000001");

    static HoldEstimate of(TokenPricing pricing, long promptTokens, int maxTokens) {
        Credits asInput =
                pricing.costOf(new TokenCounts(promptTokens, maxTokens, 0, 0)).total();
        Credits asCacheWrite =
                pricing.costOf(new TokenCounts(0, maxTokens, 0, promptTokens)).total();
        Credits asHourCacheWrite = pricing.costOf(new TokenCounts(0, maxTokens, 0, 0, promptTokens))
                .total();
        Credits worst = dearer(asInput, dearer(asCacheWrite, asHourCacheWrite));
        return new HoldEstimate(promptTokens, maxTokens, worst.isPositive() ? worst : SMALLEST_HOLD);
    }

    private static Credits dearer(Credits a, Credits b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    /** The largest output cap, down to the floor, whose hold fits {@code available}; the floor when none does. */
    static int largestCapWithin(TokenPricing pricing, long promptTokens, int maxTokens, Credits available) {
        int low = OUTPUT_FLOOR;
        int high = maxTokens;
        while (low < high) {
            int middle = (low + high + 1) >>> 1;
            if (of(pricing, promptTokens, middle).amount().compareTo(available) <= 0) {
                low = middle;
            } else {
                high = middle - 1;
            }
        }
        return low;
    }
}
