package dev.tollgate.billing;

import dev.tollgate.database.FailureStreak;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionException;

/**
 * The holds of the calls this instance is running, renewed together: one statement per interval for all of them, not
 * a write per call, so a long stream keeps its hold at no cost on the request path.
 */
@Component
class HoldRenewals {

    private static final Logger log = LoggerFactory.getLogger(HoldRenewals.class);

    private final CreditHoldRepository holds;
    private final Clock clock;
    private final Set<UUID> live = ConcurrentHashMap.newKeySet();
    private final FailureStreak failures;

    HoldRenewals(CreditHoldRepository holds, Clock clock) {
        this.holds = holds;
        this.clock = clock;
        this.failures = new FailureStreak(log, "Renewing the holds of running calls", clock);
    }

    LiveHold keepAlive(Hold hold) {
        if (hold.lease() == null) {
            live.add(hold.id());
        }
        // a call on a lease is kept alive by its lease, which CreditLeases renews: closing it forgets nothing
        return new LiveHold(hold.id(), this);
    }

    /** Calls on this instance holding credit now. */
    int running() {
        return live.size();
    }

    void forget(UUID holdId) {
        live.remove(holdId);
    }

    @Scheduled(fixedDelayString = "${tollgate.billing.hold-renewal-interval:30s}")
    void renew() {
        List<UUID> running = List.copyOf(live);
        if (running.isEmpty()) {
            return;
        }
        try {
            Set<UUID> renewed = holds.renew(running, clock.instant());
            if (renewed.size() < running.size()) {
                log.debug(
                        "Renewed {} of {} live holds; the others are being settled or were released",
                        renewed.size(),
                        running.size());
            }
            failures.succeeded();
        } catch (DataAccessException | TransactionException unreachable) {
            failures.failed(unreachable);
        }
    }
}
