package dev.tollgate.billing;

import dev.tollgate.apikey.ApiKeyId;
import dev.tollgate.money.Credits;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Keys' spending as charges, refunds and settles move it, in the caller's transaction, with the budget crossings each
 * change causes recorded and announced ({@link KeyBudgetCrossed}) in that same transaction.
 */
@Component
class KeySpending {

    private final KeyBudgetRepository budgets;
    private final BudgetAlertStore alerts;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    KeySpending(KeyBudgetRepository budgets, BudgetAlertStore alerts, ApplicationEventPublisher events, Clock clock) {
        this.budgets = budgets;
        this.alerts = alerts;
        this.events = events;
        this.clock = clock;
    }

    /** Adds a prepaid charge to the key's spending, or throws {@link KeyBudgetExceededException} and adds nothing. */
    void spend(ApiKeyId key, Credits amount) {
        boolean hasBudget = budgets.spend(key, amount.amount()).orElseThrow(KeyBudgetExceededException::new);
        if (hasBudget) {
            recordCrossings(List.of(key));
        }
    }

    /**
     * Takes the key's row before a change whose charge is known only after the team's balance moved: keys are always
     * locked before teams, so a settle and a reserve of the same key and team never wait for each other in a circle.
     */
    void lockFirst(ApiKeyId key) {
        budgets.lock(key);
    }

    /** Takes a refunded charge off the key's spending. */
    void refund(ApiKeyId key, Credits amount) {
        budgets.unspend(key, amount.amount());
    }

    /** Frees what a hold reserved of its key's budget, charging nothing. */
    void free(ApiKeyId key, Credits reserved) {
        budgets.settle(Map.of(key, KeyBudgetRepository.Spending.of(reserved, Credits.ZERO)));
    }

    /** Ends one call's part of its key: frees what it reserved and adds what it was charged. */
    void settle(ApiKeyId key, Credits reserved, Credits charged) {
        settle(Map.of(key, KeyBudgetRepository.Spending.of(reserved, charged)));
    }

    /** Ends many calls' parts with one update per key, for the sums of its calls. */
    void settle(Map<ApiKeyId, KeyBudgetRepository.Spending> byKey) {
        if (byKey.isEmpty()) {
            return;
        }
        List<ApiKeyId> spentMore = budgets.settle(byKey).stream()
                .filter(key -> byKey.get(key).charged().signum() > 0)
                .toList();
        if (!spentMore.isEmpty()) {
            recordCrossings(spentMore);
        }
    }

    /** Records and announces the thresholds the keys' spending has just crossed; each crossing only once. */
    void recordCrossings(List<ApiKeyId> budgetedKeys) {
        alerts.recordCrossings(budgetedKeys, clock.instant()).forEach(events::publishEvent);
    }
}
