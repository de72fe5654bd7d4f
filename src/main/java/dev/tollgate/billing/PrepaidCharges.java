package dev.tollgate.billing;

import dev.tollgate.account.TeamAccess;
import dev.tollgate.account.TeamId;
import dev.tollgate.account.TeamRole;
import dev.tollgate.apikey.ApiKeyId;
import dev.tollgate.money.Credits;
import dev.tollgate.text.StorableText;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Fixed prices (images, videos) are paid when the request is accepted, so a long job cannot start on credit that is
 * spent meanwhile, and refunded exactly once if the request fails: the refund is a compare-and-set on the charge. The
 * caller confirms a charge once what it paid for exists; one never confirmed is refunded after its request died.
 */
@Service
public class PrepaidCharges {

    private final CreditAccountRepository accounts;
    private final PrepaidChargeRepository charges;
    private final LedgerWriter ledger;
    private final KeySpending keys;
    private final TeamAccess access;
    private final Clock clock;

    PrepaidCharges(
            CreditAccountRepository accounts,
            PrepaidChargeRepository charges,
            LedgerWriter ledger,
            KeySpending keys,
            TeamAccess access,
            Clock clock) {
        this.accounts = accounts;
        this.charges = charges;
        this.ledger = ledger;
        this.keys = keys;
        this.access = access;
        this.clock = clock;
    }

    /**
     * Takes {@code amount} from the team's available credit (balance less what requests in flight hold) and adds it to
     * the key's spending, or throws {@link KeyBudgetExceededException} (the key's budget, less what its calls in flight
     * hold, cannot cover it) or {@link InsufficientCreditException} and takes nothing. Every key counts what it spends,
     * with a budget or without, so its spending is everything it was charged and a refund has something to take back.
     */
    @Transactional(transactionManager = "jdbcTransactionManager")
    public PrepaidCharge charge(
            TeamId team, @Nullable ApiKeyId apiKeyId, String requestId, Credits amount, String note) {
        access.require(team, TeamRole.MEMBER);
        if (!amount.isPositive()) {
            throw new IllegalArgumentException("A prepaid charge is positive");
        }
        Instant now = clock.instant();
        if (apiKeyId != null) {
            // the key's row before the team's, the order every hold and settle takes them in
            keys.spend(apiKeyId, amount);
        }
        Credits balance = accounts.add(team.value(), amount.negate().amount(), now)
                .map(Credits::new)
                .orElseThrow(() -> new InsufficientCreditException(team));
        PrepaidCharge charge = new PrepaidCharge(UUID.randomUUID(), team, apiKeyId, requestId, amount);
        charges.insert(charge, note, now);
        ledger.append(
                team.value(),
                LedgerEntryKind.CHARGE,
                amount.negate(),
                balance,
                note,
                requestId,
                access.currentActor(),
                now);
        return charge;
    }

    /**
     * Gives the charge back, to the team's balance and the key's spending, unless it was refunded before; true when this
     * call refunded it. Needs no access check: failures are often noticed by a worker acting for no one in particular,
     * and a refund only ever returns money to the team that paid.
     */
    @Transactional(transactionManager = "jdbcTransactionManager")
    public boolean refund(PrepaidCharge charge, String reason) {
        Instant now = clock.instant();
        String cause = StorableText.fit(reason, 480);
        if (!charges.markRefunded(charge.id(), cause, now)) {
            return false;
        }
        giveBack(charge, cause, now);
        return true;
    }

    /**
     * Confirms the charge once what it paid for exists (images stored, a video job queued), in the caller's
     * transaction if any: a charge nobody confirms belonged to a request that died first, and is refunded ({@link
     * UnconfirmedCharges}). True when the charge stands; false when it was refunded for want of a confirmation before
     * this came, and what it paid for should not be handed out.
     */
    @Transactional(transactionManager = "jdbcTransactionManager")
    public boolean confirm(PrepaidCharge charge) {
        return charges.confirm(charge.id(), clock.instant());
    }

    /** Refunds the charge if it is still unconfirmed and older than {@code cutoff}; true when this call refunded it. */
    boolean refundUnconfirmed(PrepaidCharge charge, Instant cutoff, String reason, Instant now) {
        if (!charges.markUnconfirmedRefunded(charge.id(), cutoff, reason, now)) {
            return false;
        }
        giveBack(charge, reason, now);
        return true;
    }

    /** The key's spending first, then the team's balance: the order every hold, settle and charge locks them in. */
    private void giveBack(PrepaidCharge charge, String reason, Instant now) {
        if (charge.apiKeyId() != null) {
            keys.refund(charge.apiKeyId(), charge.amount());
        }
        Credits balance = accounts.add(charge.team().value(), charge.amount().amount(), now)
                .map(Credits::new)
                .orElseThrow(() -> new IllegalStateException("A refund never lowers a balance"));
        ledger.append(
                charge.team().value(),
                LedgerEntryKind.REFUND,
                charge.amount(),
                balance,
                "Refund: " + reason,
                charge.requestId(),
                "system",
                now);
    }

    /** Whether the charge has been refunded. */
    @Transactional(transactionManager = "jdbcTransactionManager", readOnly = true)
    public boolean isRefunded(UUID charge) {
        return charges.status(charge).map("REFUNDED"::equals).orElse(false);
    }
}
