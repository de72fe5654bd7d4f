package dev.tollgate.billing;

import dev.tollgate.account.TeamAccess;
import dev.tollgate.account.TeamId;
import dev.tollgate.account.TeamRole;
import dev.tollgate.money.Credits;
import dev.tollgate.text.StorableText;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Fixed prices (images, videos) are paid when the request is accepted, so a long job cannot start on credit that is
 * spent meanwhile, and refunded exactly once if the request fails: the refund is a compare-and-set on the charge.
 */
@Service
public class PrepaidCharges {

    private final CreditAccountRepository accounts;
    private final PrepaidChargeRepository charges;
    private final LedgerWriter ledger;
    private final TeamAccess access;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    PrepaidCharges(
            CreditAccountRepository accounts,
            PrepaidChargeRepository charges,
            LedgerWriter ledger,
            TeamAccess access,
            ApplicationEventPublisher events,
            Clock clock) {
        this.accounts = accounts;
        this.charges = charges;
        this.ledger = ledger;
        this.access = access;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Takes {@code amount} from the team's available credit (balance less what requests in flight hold), or throws
     * {@link InsufficientCreditException} and takes nothing.
     */
    @Transactional(transactionManager = "jdbcTransactionManager")
    public PrepaidCharge charge(TeamId team, @Nullable UUID apiKeyId, String requestId, Credits amount, String note) {
        access.require(team, TeamRole.MEMBER);
        if (!amount.isPositive()) {
            throw new IllegalArgumentException("A prepaid charge is positive");
        }
        Instant now = clock.instant();
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
     * Gives the charge back unless it was refunded before; true when this call refunded it. Needs no access check:
     * failures are often noticed by a worker acting for no one in particular, and a refund only ever returns money to
     * the team that paid.
     */
    @Transactional(transactionManager = "jdbcTransactionManager")
    public boolean refund(PrepaidCharge charge, String reason) {
        Instant now = clock.instant();
        if (!charges.markRefunded(charge.id(), StorableText.fit(reason, 480), now)) {
            return false;
        }
        Credits balance = accounts.add(charge.team().value(), charge.amount().amount(), now)
                .map(Credits::new)
                .orElseThrow(() -> new IllegalStateException("A refund never lowers a balance"));
        ledger.append(
                charge.team().value(),
                LedgerEntryKind.REFUND,
                charge.amount(),
                balance,
                "Refund: " + StorableText.fit(reason, 480),
                charge.requestId(),
                "system",
                now);
        events.publishEvent(new ChargeRefunded(charge.id(), charge.requestId(), charge.apiKeyId(), charge.amount()));
        return true;
    }

    /** Whether the charge has been refunded. */
    @Transactional(transactionManager = "jdbcTransactionManager", readOnly = true)
    public boolean isRefunded(UUID charge) {
        return charges.status(charge).map("REFUNDED"::equals).orElse(false);
    }
}
