package dev.tollgate.calls;

import dev.tollgate.account.TeamId;
import dev.tollgate.apikey.AuthenticatedKey;
import dev.tollgate.billing.InsufficientCreditException;
import dev.tollgate.billing.KeyBudgetExceededException;
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

    FixedPriceCharges(PrepaidCharges charges) {
        this.charges = charges;
    }

    /**
     * The charge, or a {@link Refusal.KeyBudgetSpent} or {@link Refusal.InsufficientCredit} refusal. Billing counts it
     * in the key's spending too, with a budget or without.
     */
    @Transactional(transactionManager = "jdbcTransactionManager")
    public PrepaidCharge charge(
            TeamId team, @Nullable AuthenticatedKey key, String requestId, Credits amount, String note) {
        try {
            return charges.charge(team, key == null ? null : key.id(), requestId, amount, note);
        } catch (KeyBudgetExceededException e) {
            throw Refusals.keyBudgetSpent();
        } catch (InsufficientCreditException e) {
            throw Refusals.insufficientCredit(amount);
        }
    }

    /**
     * Confirms the charge once what it paid for exists; false when it was refunded meanwhile for want of a confirmation,
     * and what it paid for is not to be handed out.
     */
    public boolean confirm(PrepaidCharge charge) {
        return charges.confirm(charge);
    }

    /** Refunds the charge unless it was refunded before; the key's budget gets its share back with it. */
    public boolean refund(PrepaidCharge charge, String reason) {
        return charges.refund(charge, reason);
    }
}
