package dev.tollgate.usage;

import dev.tollgate.money.Credits;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Optional;

/**
 * A team's recent spending and balance. "Last 7 days" and "last 30 days" include today (UTC), so they are the seven
 * and thirty calendar days ending today.
 */
public record SpendSummary(Credits today, Credits last7Days, Credits last30Days, Credits balance) {

    private static final BigDecimal WEEK = BigDecimal.valueOf(7);

    /** The average spend per day over the last seven days, to the nano-credit. */
    public Credits averageDailySpend() {
        return new Credits(last7Days.amount().divide(WEEK, Credits.SCALE, RoundingMode.HALF_UP));
    }

    /**
     * How many days the balance lasts at the last seven days' average rate, rounded down to a tenth; empty when
     * nothing was spent (it lasts for ever at that rate).
     */
    public Optional<BigDecimal> daysUntilBalanceRunsOut() {
        Credits rate = averageDailySpend();
        if (!rate.isPositive()) {
            return Optional.empty();
        }
        BigDecimal left = balance.isPositive() ? balance.amount() : BigDecimal.ZERO;
        return Optional.of(left.divide(rate.amount(), 1, RoundingMode.DOWN));
    }
}
