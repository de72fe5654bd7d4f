package dev.tollgate.calls;

import dev.tollgate.account.TeamId;
import dev.tollgate.apikey.ApiKeyService;
import dev.tollgate.apikey.AuthenticatedKey;
import dev.tollgate.apikey.KeyBudgetExceededException;
import dev.tollgate.billing.InsufficientCreditException;
import dev.tollgate.billing.PrepaidCharge;
import dev.tollgate.billing.PrepaidCharges;
import dev.tollgate.money.Credits;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Pays a fixed-price request up front from the key's budget and the team's balance together, in one transaction, so
 * a refusal by either leaves both untouched.
 */
@Component
class FixedPriceCharges {

    private final PrepaidCharges charges;
    private final ApiKeyService keys;

    FixedPriceCharges(PrepaidCharges charges, ApiKeyService keys) {
        this.charges = charges;
        this.keys = keys;
    }

    /**
     * The charge, or a {@link Refusal.KeyBudgetSpent} or {@link Refusal.InsufficientCredit} refusal. Every key counts what it spends, with a budget or without,
     * so its spending is everything it was charged and a refund has something to take back.
     */
    @Transactional(transactionManager = "jdbcTransactionManager")
    public PrepaidCharge charge(
            TeamId team, @Nullable AuthenticatedKey key, String requestId, Credits amount, String note) {
        if (key != null) {
            try {
                keys.spendBudget(key.id(), amount);
            } catch (KeyBudgetExceededException e) {
                throw Refusals.keyBudgetSpent();
            }
        }
        try {
            return charges.charge(team, key == null ? null : key.id().value(), requestId, amount, note);
        } catch (InsufficientCreditException e) {
            throw Refusals.insufficientCredit(amount);
        }
    }

    /** Refunds the charge unless it was refunded before; the key's budget gets its share back with it. */
    public boolean refund(PrepaidCharge charge, String reason) {
        return charges.refund(charge, reason);
    }
}
