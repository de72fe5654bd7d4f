package dev.tollgate.billing;

import dev.tollgate.account.TeamAccess;
import dev.tollgate.account.TeamId;
import dev.tollgate.account.TeamRole;
import dev.tollgate.apikey.ApiKeyId;
import dev.tollgate.database.BoundStatement;
import dev.tollgate.money.Credits;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Reserve before a metered call, keep the hold alive while the call runs, settle after it: the hold makes sure
 * concurrent requests can never spend the same credit, and the settle charges what was actually used, exactly once per
 * request. Team and key go together: a hold reserves from both, and whatever ends it (the call's settle, the sweeper,
 * the start-up release) ends both.
 */
@Service
public class CreditHolds {

    private static final Logger log = LoggerFactory.getLogger(CreditHolds.class);

    private final CreditAccountRepository accounts;
    private final CreditHoldRepository holds;
    private final Reservations reservations;
    private final LedgerWriter ledger;
    private final HoldRenewals renewals;
    private final HeldSettles heldSettles;
    private final CreditLeases leases;
    private final LeaseRows leaseRows;
    private final KeySpending keys;
    private final TeamAccess access;
    private final TransactionTemplate transactions;
    private final Clock clock;

    CreditHolds(
            CreditAccountRepository accounts,
            CreditHoldRepository holds,
            Reservations reservations,
            LedgerWriter ledger,
            HoldRenewals renewals,
            HeldSettles heldSettles,
            CreditLeases leases,
            LeaseRows leaseRows,
            KeySpending keys,
            TeamAccess access,
            JdbcTransactionManager jdbcTransactions,
            Clock clock) {
        this.accounts = accounts;
        this.holds = holds;
        this.reservations = reservations;
        this.ledger = ledger;
        this.renewals = renewals;
        this.heldSettles = heldSettles;
        this.leases = leases;
        this.leaseRows = leaseRows;
        this.keys = keys;
        this.access = access;
        this.transactions = new TransactionTemplate(jdbcTransactions);
        this.clock = clock;
    }

    /**
     * Credit the team can still reserve: its balance less what requests in flight hold, with what this instance's
     * leases of the team have left to reserve (other instances' leases count as held).
     */
    @Transactional(readOnly = true)
    public Credits available(TeamId team) {
        access.require(team, TeamRole.MEMBER);
        return accounts.available(team.value())
                .map(Credits::new)
                .orElse(Credits.ZERO)
                .plus(leases.free(team));
    }

    /**
     * Reserves {@code amount} for the request from the team's available credit and, when the key has a budget, from
     * the key's budget as well, or throws {@link InsufficientCreditException} or {@link KeyBudgetExceededException} and
     * reserves nothing. With credit leases on (the default) the hold is taken in memory from this instance's lease for
     * the team and key ({@link CreditLeases}); otherwise it returns once the hold row exists, reservations made at the
     * same time made together ({@link Reservations}), each decided as if alone in the order they came. Either may take
     * a transaction of its own: call it outside any transaction that has locked the team's or the key's row. Release
     * the hold with {@link #settle} and a zero charge if the request does not go ahead.
     */
    public Hold reserve(TeamId team, @Nullable ApiKeyId key, String requestId, Credits amount) {
        return reserve(team, key, 0, requestId, amount);
    }

    /**
     * Reserves as {@link #reserve(TeamId, ApiKeyId, String, Credits)} does, for a caller that authenticated with
     * revision {@code keyRevision} of the key's settings: a lease kept from before a later revision (its budget may
     * have changed) is checked, and ended if the change released it.
     */
    public Hold reserve(TeamId team, @Nullable ApiKeyId key, long keyRevision, String requestId, Credits amount) {
        access.require(team, TeamRole.MEMBER);
        Reservation reservation = new Reservation(UUID.randomUUID(), team, key, requestId, amount);
        if (leases.enabled()) {
            return leases.reserve(reservation, keyRevision);
        }
        CreditHoldRepository.Reserved reserved = reservations.reserve(reservation);
        if (reserved.keyBudgetShort()) {
            throw new KeyBudgetExceededException();
        }
        if (!reserved.held()) {
            throw new InsufficientCreditException(team);
        }
        return reservation.granted(reserved.holdsKeyBudget());
    }

    /**
     * The charge for a hold, recorded as made by whoever is acting now. A call on a lease is charged from it here, in
     * memory, and may be cut to its hold as a settle cuts a call with a hold row of its own; charging it again charges
     * nothing.
     */
    public HoldCharge charge(Hold hold, Credits charge, String note) {
        Credits owed = hold.lease() == null ? charge : leases.charge(hold, charge);
        return new HoldCharge(hold, owed, note, access.currentActor());
    }

    /**
     * Charges {@code charge} against the hold and releases the rest; settling again changes nothing and returns what
     * the first settle charged (zero for a call on a lease, whose lease remembers it was charged). A charge above what
     * the hold and the remaining credit cover is cut to the hold, so a balance never goes below zero. A hold the
     * sweeper released has nothing left to charge against and charges nothing here; a finished call is settled
     * through {@link #claim} instead, which charges it even then.
     */
    @Transactional(transactionManager = "jdbcTransactionManager")
    public Credits settle(Hold hold, Credits charge, String note) {
        return settle(charge(hold, charge, note));
    }

    /** {@link #settle(Hold, Credits, String)} for a charge made earlier, possibly on another thread. */
    @Transactional(transactionManager = "jdbcTransactionManager")
    public Credits settle(HoldCharge owed) {
        Hold hold = owed.hold();
        if (hold.lease() != null) {
            return charge(claim(List.of(owed)).getFirst());
        }
        Credits charge = owed.charge();
        Instant now = clock.instant();
        if (hold.apiKeyId() != null) {
            keys.lockFirst(hold.apiKeyId());
        }
        CreditHoldRepository.SettleResult result = holds.settle(hold, charge.amount(), owed.note(), owed.actor(), now);
        if (!result.settled()) {
            return holds.chargedFor(hold.id()).map(Credits::new).orElse(Credits.ZERO);
        }
        Credits charged = result.balance() != null ? charge : chargeTheHold(owed, now);
        settleKey(hold, hold.keyReservation(), charged);
        return charged;
    }

    /**
     * Settles finished calls whose holds are all still held, in the caller's transaction and one statement: each hold
     * claimed for its call's charge, each key's reservation freed and its spending added, each team's balance charged
     * and its holds released, a ledger row per charge; what each call was charged, by hold id. Throws {@link
     * BatchNotAllHeldException} when a hold was not held or a team's charges did not fit: the caller rolls back and
     * settles the batch through {@link #claim} and {@link #chargeAll} instead, exactly as if this had not been tried.
     */
    @Transactional(transactionManager = "jdbcTransactionManager")
    public Map<UUID, Credits> settleAllHeld(List<HoldCharge> owed) {
        return settleAllHeld(owed, null, clock.instant());
    }

    /**
     * Settles finished calls as {@link #settleAllHeld(List)} does, together with {@code first}, a statement of the
     * caller's that writes rows, returns none, and must be kept exactly when the settle is (the calls' usage rows).
     * Both go to the database in one round trip and commit as it returns, unless a key in the batch has a budget: then
     * they run in a transaction that also records the budget alerts the spending crossed, so an alert is never lost.
     * Throws {@link BatchNotAllHeldException}, having kept nothing, when the batch is not one whose holds are all held.
     */
    public Map<UUID, Credits> settleAllHeld(List<HoldCharge> owed, BoundStatement first) {
        Instant now = clock.instant();
        if (owed.stream().anyMatch(charge -> charge.hold().holdsKeyBudget())) {
            return Objects.requireNonNull(transactions.execute(status -> settleAllHeld(owed, first, now)));
        }
        return settleAllHeld(owed, first, now);
    }

    private Map<UUID, Credits> settleAllHeld(List<HoldCharge> owed, @Nullable BoundStatement first, Instant now) {
        List<ApiKeyId> spentMore = heldSettles.settle(owed, now, first).orElseThrow(BatchNotAllHeldException::new);
        tellLeasesOnCommit(owed);
        if (!spentMore.isEmpty()) {
            // outside a transaction only when a key was given a budget while its call ran
            keys.recordCrossings(spentMore);
        }
        Map<UUID, Credits> charged = new HashMap<>();
        owed.forEach(charge -> charged.put(charge.hold().id(), charge.charge()));
        return charged;
    }

    /**
     * First step of settling finished calls, in the caller's transaction: claims each call's hold with a compare-and-set
     * on the hold alone, and says what it found. A hold still held, or released by the sweeper while its call ran and not
     * charged since, is claimed for its call's charge; a hold settled before keeps its earlier charge. No balance moves
     * until {@link #chargeAll} or {@link #charge(ClaimedHold)}, which also settle the keys: a key's reservation is freed
     * only by whoever ended the hold, so a hold the sweeper released frees nothing then.
     */
    @Transactional(transactionManager = "jdbcTransactionManager")
    public List<ClaimedHold> claim(List<HoldCharge> owed) {
        Map<UUID, CreditHoldRepository.Claim> claims = new HashMap<>();
        List<HoldCharge> ownRows =
                owed.stream().filter(charge -> charge.hold().lease() == null).toList();
        if (!ownRows.isEmpty()) {
            holds.claim(ownRows, clock.instant()).forEach(claim -> claims.put(claim.id(), claim));
        }
        Set<UUID> leasesHeld = lockLeases(owed);
        tellLeasesOnCommit(owed);
        List<ClaimedHold> claimed = new ArrayList<>(owed.size());
        for (HoldCharge charge : owed) {
            if (charge.hold().lease() != null) {
                claimed.add(new ClaimedHold(
                        charge,
                        leasesHeld.contains(charge.hold().lease())
                                ? ClaimedHold.Found.HELD
                                : ClaimedHold.Found.RELEASED,
                        Credits.ZERO));
                continue;
            }
            CreditHoldRepository.Claim claim = claims.get(charge.hold().id());
            if (claim == null || claim.found() == ClaimedHold.Found.SETTLED) {
                BigDecimal earlier = claim == null ? null : claim.earlierCharge();
                claimed.add(new ClaimedHold(
                        charge, ClaimedHold.Found.SETTLED, earlier == null ? Credits.ZERO : new Credits(earlier)));
            } else {
                claimed.add(new ClaimedHold(charge, claim.found(), Credits.ZERO));
                if (claim.found() == ClaimedHold.Found.RELEASED) {
                    log.warn(
                            "Request {} settled after its hold was released; charging {} from the balance",
                            charge.hold().requestId(),
                            charge.charge().toPlainString());
                }
            }
        }
        return claimed;
    }

    /**
     * Second step for a batch: charges the claimed calls with one spending update per key and one balance update per
     * team, in the caller's transaction.
     * Each team's balance drops by the sum of its calls' charges while the holds found held are released, and each
     * charge gets its own ledger row with the running balance after it, in the order given. Throws {@link
     * InsufficientCreditException} when a team's charges do not fit its holds and remaining credit; the caller then
     * rolls back and settles the calls one by one ({@link #charge(ClaimedHold)}), which cuts the charge that does not
     * fit.
     *
     * @return what each call was charged, by hold id
     */
    @Transactional(transactionManager = "jdbcTransactionManager")
    public Map<UUID, Credits> chargeAll(List<ClaimedHold> claimed) {
        Instant now = clock.instant();
        Map<UUID, Credits> charged = new HashMap<>();
        Map<UUID, List<ClaimedHold>> byTeam = new TreeMap<>();
        Map<ApiKeyId, KeyBudgetRepository.Spending> byKey = new TreeMap<>(Comparator.comparing(ApiKeyId::value));
        Map<UUID, Credits> byLease = new TreeMap<>();
        for (ClaimedHold claim : claimed) {
            Hold hold = claim.owed().hold();
            charged.put(hold.id(), claim.charge());
            if (hold.lease() != null && claim.found() == ClaimedHold.Found.HELD) {
                byLease.merge(hold.lease(), claim.charge(), Credits::plus);
            }
            if (claim.found() != ClaimedHold.Found.SETTLED) {
                byTeam.computeIfAbsent(hold.team().value(), team -> new ArrayList<>())
                        .add(claim);
                if (hold.apiKeyId() != null) {
                    byKey.merge(
                            hold.apiKeyId(),
                            KeyBudgetRepository.Spending.of(keyReservationLeft(claim), claim.charge()),
                            KeyBudgetRepository.Spending::plus);
                }
            }
        }
        if (!leaseRows.takeCharges(byLease)) {
            throw new InsufficientCreditException(
                    claimed.getFirst().owed().hold().team());
        }
        // keys before teams, the order a reserve locks them in
        keys.settle(byKey);
        byTeam.forEach((team, claims) -> chargeTeam(team, claims, now));
        return charged;
    }

    /** What settling the claimed hold frees of its key's budget: nothing when the sweeper's release freed it. */
    private static Credits keyReservationLeft(ClaimedHold claim) {
        return claim.found() == ClaimedHold.Found.HELD
                ? claim.owed().hold().keyReservationTaken(claim.owed().charge())
                : Credits.ZERO;
    }

    private void settleKey(Hold hold, Credits reservation, Credits charged) {
        if (hold.apiKeyId() != null) {
            keys.settle(hold.apiKeyId(), reservation, charged);
        }
    }

    private void chargeTeam(UUID team, List<ClaimedHold> claims, Instant now) {
        Credits total = Credits.ZERO;
        Credits held = Credits.ZERO;
        List<HoldCharge> charges = new ArrayList<>(claims.size());
        for (ClaimedHold claim : claims) {
            total = total.plus(claim.owed().charge());
            if (claim.found() == ClaimedHold.Found.HELD) {
                held = held.plus(claim.owed().hold().heldTaken(claim.owed().charge()));
            }
            charges.add(claim.owed());
        }
        Credits balance = accounts.settle(team, held.amount(), total.amount(), now)
                .map(Credits::new)
                .orElseThrow(() -> new InsufficientCreditException(new TeamId(team)));
        ledger.appendCharges(team, charges, balance.plus(total), now);
    }

    /**
     * Second step for a single call, in the caller's transaction: charges it and its key and returns what it was
     * charged. A charge
     * above what its hold and the remaining credit cover is cut to the hold; a call whose hold was released is charged
     * from the available balance, at most all of it. Either way no balance goes below zero or below what other calls
     * hold.
     */
    @Transactional(transactionManager = "jdbcTransactionManager")
    public Credits charge(ClaimedHold claimed) {
        HoldCharge owed = claimed.owed();
        if (claimed.found() != ClaimedHold.Found.SETTLED && owed.hold().apiKeyId() != null) {
            keys.lockFirst(owed.hold().apiKeyId());
        }
        ClaimedHold.Found found = claimed.found() == ClaimedHold.Found.HELD
                        && owed.hold().lease() != null
                        && !leaseRows.takeCharges(Map.of(owed.hold().lease(), owed.charge()))
                ? ClaimedHold.Found.RELEASED
                : claimed.found();
        Credits charged = switch (found) {
            case SETTLED -> claimed.earlierCharge();
            case HELD -> chargeHeld(owed, clock.instant());
            case RELEASED -> chargeReleased(owed, clock.instant());
        };
        if (found != ClaimedHold.Found.SETTLED) {
            settleKey(owed.hold(), keyReservationLeft(new ClaimedHold(owed, found, Credits.ZERO)), charged);
        }
        return charged;
    }

    private Credits chargeHeld(HoldCharge owed, Instant now) {
        Hold hold = owed.hold();
        Optional<BigDecimal> balance = accounts.settle(
                hold.team().value(),
                hold.heldTaken(owed.charge()).amount(),
                owed.charge().amount(),
                now);
        if (balance.isEmpty()) {
            return chargeTheHold(owed, now);
        }
        appendCharge(owed, owed.charge(), new Credits(balance.get()), now);
        return owed.charge();
    }

    /** A charge that did not fit its hold and the remaining credit: the call is charged its whole hold instead. */
    private Credits chargeTheHold(HoldCharge owed, Instant now) {
        Hold hold = owed.hold();
        log.warn(
                "Request {} used {} but only {} was held and no more credit is left; charging the hold",
                hold.requestId(),
                owed.charge().toPlainString(),
                hold.amount().toPlainString());
        Credits charged = hold.amount();
        BigDecimal balance = accounts.settle(hold.team().value(), hold.amount().amount(), charged.amount(), now)
                .orElseThrow(() -> new IllegalStateException("A hold is always covered"));
        holds.correctCharge(hold.id(), charged.amount());
        appendCharge(owed, charged, new Credits(balance), now);
        return charged;
    }

    private Credits chargeReleased(HoldCharge owed, Instant now) {
        Hold hold = owed.hold();
        Credits available =
                new Credits(accounts.lockAvailable(hold.team().value()).max(BigDecimal.ZERO));
        Credits charged = owed.charge().compareTo(available) <= 0 ? owed.charge() : available;
        if (!charged.equals(owed.charge())) {
            log.warn(
                    "Request {} used {} after its hold was released, but only {} is left; charging that",
                    hold.requestId(),
                    owed.charge().toPlainString(),
                    charged.toPlainString());
            holds.correctCharge(hold.id(), charged.amount());
        }
        Credits balance = accounts.add(hold.team().value(), charged.negate().amount(), now)
                .map(Credits::new)
                .orElseThrow(() -> new IllegalStateException("The available credit covers the charge"));
        appendCharge(owed, charged, balance, now);
        return charged;
    }

    private void appendCharge(HoldCharge owed, Credits charged, Credits balance, Instant now) {
        if (charged.isPositive()) {
            ledger.append(
                    owed.hold().team().value(),
                    LedgerEntryKind.CHARGE,
                    charged.negate(),
                    balance,
                    owed.note(),
                    owed.hold().requestId(),
                    owed.actor(),
                    now);
        }
    }

    /**
     * Keeps the hold from being released while its call runs: this instance renews it with its other live holds, in one
     * statement every {@code tollgate.billing.hold-renewal-interval}, until the returned handle is closed. A hold whose
     * instance dies stops being renewed and is released after {@code tollgate.billing.hold-timeout}.
     */
    public LiveHold keepAlive(Hold hold) {
        return renewals.keepAlive(hold);
    }

    /** Calls this instance runs that hold credit now, counted in memory: what a metrics scrape reads. */
    public int heldOnThisInstance() {
        return renewals.running() + leases.callsRunning();
    }

    /** Requests in flight for a team (holds not yet settled). */
    @Transactional(readOnly = true)
    public long openHolds(TeamId team) {
        access.require(team, TeamRole.MEMBER);
        return holds.countHeld(team.value()) + leases.callsRunning(team);
    }

    /** Locks the rows of the leases the charges come from; those still held. */
    private Set<UUID> lockLeases(List<HoldCharge> owed) {
        Set<UUID> leased = new TreeSet<>();
        owed.forEach(charge -> {
            if (charge.hold().lease() != null) {
                leased.add(charge.hold().lease());
            }
        });
        return leased.isEmpty() ? Set.of() : leaseRows.lockHeld(leased);
    }

    /** Tells the leases what was settled from them once it has committed: at once when no transaction is open. */
    private void tellLeasesOnCommit(List<HoldCharge> owed) {
        Map<UUID, Integer> byLease = new HashMap<>();
        owed.forEach(charge -> {
            if (charge.hold().lease() != null) {
                byLease.merge(charge.hold().lease(), 1, Integer::sum);
            }
        });
        if (byLease.isEmpty()) {
            return;
        }
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            leases.committed(byLease);
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                leases.committed(byLease);
            }
        });
    }
}
