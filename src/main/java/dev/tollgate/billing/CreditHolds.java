package dev.tollgate.billing;

import dev.tollgate.account.TeamAccess;
import dev.tollgate.account.TeamId;
import dev.tollgate.account.TeamRole;
import dev.tollgate.money.Credits;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reserve before a metered call, settle after it: the hold makes sure concurrent requests can never spend the same
 * credit, and the settle charges what was actually used, exactly once per request.
 */
@Service
public class CreditHolds {

    private static final Logger log = LoggerFactory.getLogger(CreditHolds.class);

    private final CreditAccountRepository accounts;
    private final CreditHoldRepository holds;
    private final LedgerWriter ledger;
    private final TeamAccess access;
    private final Clock clock;

    CreditHolds(
            CreditAccountRepository accounts,
            CreditHoldRepository holds,
            LedgerWriter ledger,
            TeamAccess access,
            Clock clock) {
        this.accounts = accounts;
        this.holds = holds;
        this.ledger = ledger;
        this.access = access;
        this.clock = clock;
    }

    /** Credit the team can still reserve: its balance less what requests in flight hold. */
    @Transactional(readOnly = true)
    public Credits available(TeamId team) {
        access.require(team, TeamRole.MEMBER);
        return accounts.available(team.value()).map(Credits::new).orElse(Credits.ZERO);
    }

    /**
     * Reserves {@code amount} for the request, or throws {@link InsufficientCreditException}. One statement, needing no
     * transaction; release it with {@link #settle} and a zero charge if the request does not go ahead.
     */
    public Hold reserve(TeamId team, @Nullable UUID apiKeyId, String requestId, Credits amount) {
        access.require(team, TeamRole.MEMBER);
        Hold hold = new Hold(UUID.randomUUID(), team, apiKeyId, requestId, amount);
        if (!holds.reserve(hold, clock.instant())) {
            throw new InsufficientCreditException(team);
        }
        return hold;
    }

    /**
     * Charges {@code charge} against the hold and releases the rest; settling again changes nothing and returns what
     * the first settle charged. A charge above what the hold and the remaining credit cover is cut to the hold, so a
     * balance never goes below zero.
     */
    @Transactional(transactionManager = "jdbcTransactionManager")
    public Credits settle(Hold hold, Credits charge, String note) {
        if (charge.isNegative()) {
            throw new IllegalArgumentException("A charge is not negative");
        }
        Instant now = clock.instant();
        CreditHoldRepository.SettleResult result =
                holds.settle(hold, charge.amount(), note, access.currentActor(), now);
        if (!result.settled()) {
            return holds.chargedFor(hold.id()).map(Credits::new).orElse(Credits.ZERO);
        }
        if (result.balance() != null) {
            return charge;
        }
        log.warn(
                "Request {} used {} but only {} was held and no more credit is left; charging the hold",
                hold.requestId(),
                charge.toPlainString(),
                hold.amount().toPlainString());
        Credits charged = hold.amount();
        BigDecimal balance = accounts.settle(hold.team().value(), hold.amount().amount(), charged.amount(), now)
                .orElseThrow(() -> new IllegalStateException("A hold is always covered"));
        holds.correctCharge(hold.id(), charged.amount());
        ledger.append(
                hold.team().value(),
                LedgerEntryKind.CHARGE,
                charged.negate(),
                new Credits(balance),
                note,
                hold.requestId(),
                access.currentActor(),
                now);
        return charged;
    }

    /** Requests in flight for a team (holds not yet settled). */
    @Transactional(readOnly = true)
    public long openHolds(TeamId team) {
        access.require(team, TeamRole.MEMBER);
        return holds.countHeld(team.value());
    }
}
