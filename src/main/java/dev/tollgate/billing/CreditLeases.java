package dev.tollgate.billing;

import dev.tollgate.account.TeamId;
import dev.tollgate.apikey.ApiKeyId;
import dev.tollgate.database.FailureStreak;
import dev.tollgate.money.Credits;
import jakarta.annotation.PreDestroy;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionException;

/**
 * Reserves chat calls' credit in memory from leases this instance holds, one per team and key (decision 0057). A call
 * whose hold fits what its lease has left costs no statement; one that does not grows the lease by at least what it
 * lacks, up to {@code lease-calls} holds of its size or three times what the lease holds, whichever is more, and at
 * most half of what the team or key has left, so a team's credit is never all leased by one instance or key. A
 * reservation is refused exactly when what the lease has left plus what the team (or key) has left does not cover it,
 * as a hold row of its own would be; before refusing, the team's other leases on this instance give back what they do
 * not use. A lease nobody used for {@code lease-idle} goes back to the team; one whose instance died is released by
 * the sweeper or at start-up like any hold.
 */
@Component
class CreditLeases {

    private static final Logger log = LoggerFactory.getLogger(CreditLeases.class);

    private static final BigDecimal GROWTH = BigDecimal.valueOf(3);

    private record Scope(TeamId team, @Nullable ApiKeyId key) {}

    private final LeaseRows rows;
    private final CreditHoldRepository holds;
    private final Clock clock;
    private final boolean enabled;
    private final Duration idle;
    private final Duration abandoned;
    private final BigDecimal callsPerGrant;
    private final Map<Scope, CreditLease> byScope = new ConcurrentHashMap<>();
    private final Map<UUID, CreditLease> byId = new ConcurrentHashMap<>();
    private final FailureStreak giveBackFailures;
    private final FailureStreak renewFailures;

    CreditLeases(LeaseRows rows, CreditHoldRepository holds, Clock clock, HoldProperties properties) {
        this.rows = rows;
        this.holds = holds;
        this.clock = clock;
        this.enabled = properties.leases();
        this.idle = properties.leaseIdle();
        this.abandoned = properties.holdTimeout();
        this.callsPerGrant = BigDecimal.valueOf(properties.leaseCalls());
        this.giveBackFailures = new FailureStreak(log, "Giving back idle credit leases", clock);
        this.renewFailures = new FailureStreak(log, "Renewing this instance's credit leases", clock);
    }

    boolean enabled() {
        return enabled;
    }

    /**
     * Reserves the call's hold from its team's (and key's) lease, growing or starting the lease when it has too little
     * left; throws {@link InsufficientCreditException} or {@link KeyBudgetExceededException} when even that is refused.
     * A call made with a later revision of its key's settings than the lease has served first checks that the change
     * left the lease held: a change of the key's budget releases its leases ({@link LeaseRows#releaseOfKey}), and the
     * call then reserves from a new one, granted under the new budget.
     */
    Hold reserve(Reservation reservation, long keyRevision) {
        Scope scope = new Scope(reservation.team(), reservation.key());
        boolean othersGaveBack = false;
        while (true) {
            CreditLease lease = byScope.computeIfAbsent(
                    scope,
                    absent -> new CreditLease(
                            UUID.randomUUID(), absent.team(), absent.key(), keyRevision, clock.instant()));
            LeaseRows.Grant.Refused refused;
            lease.lock.lock();
            try {
                if (!servesRevision(lease, keyRevision)) {
                    end(lease);
                    continue;
                }
                if (lease.take(reservation.holdId(), reservation.amount(), clock.instant())) {
                    return reservation.leased(lease.id(), lease.holdsKeyBudget());
                }
                if (lease.ended()) {
                    byScope.remove(scope, lease);
                    continue;
                }
                refused = grow(lease, reservation.amount());
                if (refused == LeaseRows.Grant.Refused.NO
                        && lease.take(reservation.holdId(), reservation.amount(), clock.instant())) {
                    return reservation.leased(lease.id(), lease.holdsKeyBudget());
                }
            } finally {
                lease.lock.unlock();
            }
            switch (refused) {
                case NO, LEASE_GONE -> {
                    // the lease was ended, or grew and was taken by another call meanwhile: ask again
                }
                case KEY_SHORT -> throw new KeyBudgetExceededException();
                case TEAM_SHORT -> {
                    if (othersGaveBack || !giveBackOthersOf(lease)) {
                        throw new InsufficientCreditException(reservation.team());
                    }
                    othersGaveBack = true;
                }
            }
        }
    }

    /**
     * Whether the lease may serve a call made with {@code keyRevision} of its key's settings: always for the revision
     * it serves or an earlier one (a replica that has not yet heard of a change); for a later one, only when the
     * change left its row held, which one query tells, once per change. Under its lock.
     */
    private boolean servesRevision(CreditLease lease, long keyRevision) {
        if (keyRevision <= lease.keyRevision()) {
            return true;
        }
        if (lease.isOpen() && !rows.notHeld(List.of(lease.id())).isEmpty()) {
            return false;
        }
        lease.follow(keyRevision);
        return true;
    }

    /** Asks for what the lease lacks to reserve {@code hold}, and more for the calls to come; under its lock. */
    private LeaseRows.Grant.Refused grow(CreditLease lease, Credits hold) {
        Credits needed = hold.minus(lease.free());
        // a busy lease grows fourfold, so a burst of calls waits on a few grants, not one per doubling
        Credits wanted = larger(larger(hold.times(callsPerGrant), lease.amount().times(GROWTH)), needed);
        LeaseRows.Grant grant = rows.grant(
                lease.id(),
                lease.isOpen(),
                new LeaseRows.Ask(lease.team(), lease.key(), needed, wanted, false),
                clock.instant());
        switch (grant.refused()) {
            case NO -> granted(lease, grant);
            case LEASE_GONE -> end(lease);
            case TEAM_SHORT, KEY_SHORT -> {
                // nothing changed
            }
        }
        return grant.refused();
    }

    private void granted(CreditLease lease, LeaseRows.Grant grant) {
        if (lease.isOpen()) {
            lease.extended(grant.granted());
        } else {
            lease.opened(grant.holdsKeyBudget(), grant.granted());
            byId.put(lease.id(), lease);
        }
    }

    /**
     * What the finished call is charged from its lease: its charge when the lease covers it, growing the lease by what
     * is missing when the team has it; otherwise (the call used more than its hold and the team has no more) its hold,
     * as a call with a hold row of its own is charged. Zero for a call charged before. Taken off the lease in memory
     * now, and off its row when the settle commits.
     */
    Credits charge(Hold hold, Credits charge) {
        CreditLease lease = hold.lease() == null ? null : byId.get(hold.lease());
        if (lease == null) {
            // the lease was given back or swept: the settle finds its row gone and charges the balance
            return charge;
        }
        lease.lock.lock();
        try {
            Instant now = clock.instant();
            if (lease.finish(hold.id(), now) == null) {
                return Credits.ZERO;
            }
            if (lease.ended()) {
                forgetOnceDone(lease);
                return charge;
            }
            if (lease.free().isLessThan(charge)) {
                LeaseRows.Grant grant = rows.grant(
                        lease.id(),
                        true,
                        new LeaseRows.Ask(lease.team(), lease.key(), charge.minus(lease.free()), Credits.ZERO, true),
                        now);
                if (grant.refused() == LeaseRows.Grant.Refused.NO) {
                    lease.extended(grant.granted());
                } else if (grant.refused() == LeaseRows.Grant.Refused.LEASE_GONE) {
                    end(lease);
                    return charge;
                }
            }
            Credits charged = charge;
            if (lease.free().isLessThan(charge)) {
                log.warn(
                        "Request {} used {} but only {} was held and no more credit is left; charging the hold",
                        hold.requestId(),
                        charge.toPlainString(),
                        hold.amount().toPlainString());
                charged = hold.amount();
            }
            lease.charge(charged);
            return charged;
        } finally {
            lease.lock.unlock();
        }
    }

    /** The settles of these leases' charges committed: how many per lease. */
    void committed(Map<UUID, Integer> chargesByLease) {
        chargesByLease.forEach((id, charges) -> {
            CreditLease lease = byId.get(id);
            if (lease == null) {
                return;
            }
            lease.lock.lock();
            try {
                lease.committed(charges);
                if (idle.isZero()) {
                    giveBackIfIdle(lease, clock.instant());
                }
            } finally {
                lease.lock.unlock();
            }
        });
    }

    /** Calls running on this instance's leases. */
    int callsRunning() {
        return byId.values().stream().mapToInt(CreditLease::callsRunning).sum();
    }

    /** Calls of the team running on this instance's leases. */
    int callsRunning(TeamId team) {
        return byId.values().stream()
                .filter(lease -> lease.team().equals(team))
                .mapToInt(CreditLease::callsRunning)
                .sum();
    }

    /** What this instance's leases of the team have left to reserve. */
    Credits free(TeamId team) {
        Credits free = Credits.ZERO;
        for (CreditLease lease : byId.values()) {
            if (lease.team().equals(team)) {
                lease.lock.lock();
                try {
                    free = free.plus(lease.ended() ? Credits.ZERO : lease.free());
                } finally {
                    lease.lock.unlock();
                }
            }
        }
        return free;
    }

    /**
     * Renews this instance's leases as {@link HoldRenewals} renews the holds of calls, so the sweeper leaves them
     * alone. A lease found no longer held (the sweeper released it while the database was out of reach for longer
     * than the hold timeout) is ended here: its running calls are charged from the balance, and new ones reserve from
     * a new lease.
     */
    @Scheduled(fixedDelayString = "${tollgate.billing.hold-renewal-interval:30s}")
    void renew() {
        List<UUID> ids = List.copyOf(byId.keySet());
        if (ids.isEmpty()) {
            return;
        }
        try {
            Set<UUID> renewed = holds.renew(ids, clock.instant());
            List<UUID> missed = ids.stream().filter(id -> !renewed.contains(id)).toList();
            // a lease a settle was busy with is skipped by the renewal, not gone
            for (UUID gone : missed.isEmpty() ? Set.<UUID>of() : rows.notHeld(missed)) {
                CreditLease lease = byId.get(gone);
                if (lease != null) {
                    log.warn("The credit lease {} was released while this instance held it; starting another", gone);
                    lease.lock.lock();
                    try {
                        end(lease);
                    } finally {
                        lease.lock.unlock();
                    }
                }
            }
            renewFailures.succeeded();
        } catch (DataAccessException | TransactionException unreachable) {
            renewFailures.failed(unreachable);
        }
    }

    /** Gives back the leases no call has used for {@code lease-idle}. */
    @Scheduled(fixedDelayString = "${tollgate.billing.lease-check-interval:1s}")
    void giveBackIdle() {
        Instant now = clock.instant();
        RuntimeException failed = null;
        boolean gaveBack = false;
        for (CreditLease lease : List.copyOf(byScope.values())) {
            lease.lock.lock();
            try {
                gaveBack |= giveBackIfIdle(lease, now);
            } catch (DataAccessException | TransactionException unreachable) {
                // the lease stays this instance's and is tried again on the next run
                failed = unreachable;
            } finally {
                lease.lock.unlock();
            }
        }
        if (failed != null) {
            giveBackFailures.failed(failed);
        } else if (gaveBack) {
            giveBackFailures.succeeded();
        }
    }

    /** Gives back every lease no call is running on, as the instance stops. */
    @PreDestroy
    void giveBackAll() {
        for (CreditLease lease : List.copyOf(byScope.values())) {
            lease.lock.lock();
            try {
                if (lease.callsRunning() == 0) {
                    giveBack(lease);
                }
            } catch (DataAccessException | TransactionException unreachable) {
                log.warn("Could not give back the credit lease {}; the sweeper will", lease.id(), unreachable);
            } finally {
                lease.lock.unlock();
            }
        }
    }

    /** Whether it gave the lease back. */
    private boolean giveBackIfIdle(CreditLease lease, Instant now) {
        if (lease.ended() ? lease.callsRunning() == 0 : lease.returnable(now, idle, abandoned)) {
            giveBack(lease);
            return true;
        }
        return false;
    }

    private void giveBack(CreditLease lease) {
        if (lease.isOpen()) {
            rows.giveBack(lease, lease.amount(), true, clock.instant());
        }
        end(lease);
    }

    /**
     * Ends the lease: no call reserves from it again. It is remembered until its running calls are charged, so each is
     * charged once, from the balance when its row was released.
     */
    private void end(CreditLease lease) {
        lease.end();
        byScope.remove(new Scope(lease.team(), lease.key()), lease);
        forgetOnceDone(lease);
    }

    private void forgetOnceDone(CreditLease ended) {
        if (ended.callsRunning() == 0) {
            byId.remove(ended.id(), ended);
        }
    }

    /**
     * Before a call of the team is refused for want of credit: the team's other leases on this instance give back what
     * no call of theirs has reserved; whether any gave back something. Each is locked on its own, never two at once.
     */
    private boolean giveBackOthersOf(CreditLease refusedOn) {
        boolean gaveBack = false;
        for (CreditLease other : List.copyOf(byScope.values())) {
            if (other == refusedOn || !other.team().equals(refusedOn.team())) {
                continue;
            }
            other.lock.lock();
            try {
                Credits unused = other.free();
                if (!other.ended() && other.isOpen() && unused.isPositive()) {
                    gaveBack |= rows.giveBack(other, unused, false, clock.instant())
                            .map(returned -> {
                                other.shrunk(returned);
                                return true;
                            })
                            .orElseGet(() -> {
                                end(other);
                                return false;
                            });
                }
            } finally {
                other.lock.unlock();
            }
        }
        return gaveBack;
    }

    private static Credits larger(Credits one, Credits other) {
        return one.compareTo(other) >= 0 ? one : other;
    }
}
