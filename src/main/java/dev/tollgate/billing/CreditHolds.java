package dev.tollgate.billing;

import dev.tollgate.account.TeamAccess;
import dev.tollgate.account.TeamId;
import dev.tollgate.account.TeamRole;
import dev.tollgate.money.Credits;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
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

    /** The charge for a hold, recorded as made by whoever is acting now. */
    public HoldCharge charge(Hold hold, Credits charge, String note) {
        return new HoldCharge(hold, charge, note, access.currentActor());
    }

    /**
     * Charges {@code charge} against the hold and releases the rest; settling again changes nothing and returns what
     * the first settle charged. A charge above what the hold and the remaining credit cover is cut to the hold, so a
     * balance never goes below zero.
     */
    @Transactional(transactionManager = "jdbcTransactionManager")
    public Credits settle(Hold hold, Credits charge, String note) {
        return settle(charge(hold, charge, note));
    }

    /** {@link #settle(Hold, Credits, String)} for a charge made earlier, possibly on another thread. */
    @Transactional(transactionManager = "jdbcTransactionManager")
    public Credits settle(HoldCharge owed) {
        Hold hold = owed.hold();
        Credits charge = owed.charge();
        Instant now = clock.instant();
        CreditHoldRepository.SettleResult result = holds.settle(hold, charge.amount(), owed.note(), owed.actor(), now);
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
                owed.note(),
                hold.requestId(),
                owed.actor(),
                now);
        return charged;
    }

    /**
     * Settles many holds in the caller's transaction with one balance update per team: every hold is marked settled at
     * once, each team's balance drops by the sum of its charges, and each charge gets its own ledger row with the
     * running balance after it, in the order given. Holds settled before keep (and report) their earlier charge.
     * Throws {@link InsufficientCreditException} when a team's charges do not fit its holds and remaining credit; the
     * caller then rolls back and settles the charges one by one, which cuts the charge that does not fit.
     *
     * @return what each hold was charged, by hold id
     */
    @Transactional(transactionManager = "jdbcTransactionManager")
    public Map<UUID, Credits> settleAll(List<HoldCharge> owed) {
        Instant now = clock.instant();
        Set<UUID> settledNow = holds.markSettled(owed, now);
        Map<UUID, Credits> charged = new HashMap<>();
        Map<UUID, List<HoldCharge>> byTeam = new TreeMap<>();
        List<UUID> settledBefore = new ArrayList<>();
        for (HoldCharge charge : owed) {
            if (settledNow.contains(charge.hold().id())) {
                charged.put(charge.hold().id(), charge.charge());
                byTeam.computeIfAbsent(charge.hold().team().value(), team -> new ArrayList<>())
                        .add(charge);
            } else {
                settledBefore.add(charge.hold().id());
            }
        }
        if (!settledBefore.isEmpty()) {
            holds.chargedFor(settledBefore).forEach((hold, amount) -> charged.put(hold, new Credits(amount)));
            settledBefore.forEach(hold -> charged.putIfAbsent(hold, Credits.ZERO));
        }
        byTeam.forEach((team, charges) -> chargeTeam(team, charges, now));
        return charged;
    }

    private void chargeTeam(UUID team, List<HoldCharge> charges, Instant now) {
        Credits total = Credits.ZERO;
        Credits held = Credits.ZERO;
        for (HoldCharge charge : charges) {
            total = total.plus(charge.charge());
            held = held.plus(charge.hold().amount());
        }
        Credits balance = accounts.settle(team, held.amount(), total.amount(), now)
                .map(Credits::new)
                .orElseThrow(() -> new InsufficientCreditException(new TeamId(team)));
        ledger.appendCharges(team, charges, balance.plus(total), now);
    }

    /** Requests in flight for a team (holds not yet settled). */
    @Transactional(readOnly = true)
    public long openHolds(TeamId team) {
        access.require(team, TeamRole.MEMBER);
        return holds.countHeld(team.value());
    }
}
