package dev.tollgate.billing;

import dev.tollgate.apikey.ApiKeyId;
import dev.tollgate.money.Credits;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Releases holds whose call is no longer running (its instance died mid-call), so credit and key budget are never
 * locked forever: a
 * running call's instance renews its hold ({@link HoldRenewals}), so a hold neither renewed nor made within the hold
 * timeout has nobody left to settle it. Each release is a compare-and-set that checks staleness again, so a late settle,
 * a renewal and the sweeper never act on the same hold at once; a call that settles after all is still charged (see
 * {@link ClaimedHold.Found#RELEASED}).
 */
@Component
class StaleHoldSweeper {

    private static final Logger log = LoggerFactory.getLogger(StaleHoldSweeper.class);

    private final CreditHoldRepository holds;
    private final CreditAccountRepository accounts;
    private final KeySpending keys;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final Duration timeout;

    StaleHoldSweeper(
            CreditHoldRepository holds,
            CreditAccountRepository accounts,
            KeySpending keys,
            TransactionTemplate transactions,
            Clock clock,
            HoldProperties properties) {
        this.holds = holds;
        this.accounts = accounts;
        this.keys = keys;
        this.transactions = transactions;
        this.clock = clock;
        this.timeout = properties.holdTimeout();
    }

    @Scheduled(fixedDelayString = "${tollgate.billing.hold-sweep-interval:60s}")
    void releaseStaleHolds() {
        Instant now = clock.instant();
        Instant cutoff = now.minus(timeout);
        for (CreditHoldRepository.OpenHold stale : holds.staleSince(cutoff, 500)) {
            transactions.executeWithoutResult(status -> release(stale, cutoff, now));
        }
    }

    int release(CreditHoldRepository.OpenHold stale, Instant cutoff, Instant now) {
        Optional<BigDecimal> held = holds.release(stale.id(), cutoff, now);
        if (held.isEmpty()) {
            return 0;
        }
        ApiKeyId key = stale.holdsKeyBudget() && stale.apiKeyId() != null ? new ApiKeyId(stale.apiKeyId()) : null;
        if (key != null) {
            // keys before teams, as reserves and settles take them, so a release never waits on them in a circle
            keys.lockFirst(key);
        }
        accounts.settle(stale.teamId(), held.get(), BigDecimal.ZERO, now);
        if (key != null) {
            keys.free(key, new Credits(held.get()));
        }
        log.warn(
                "Released the hold of request {} ({} Cr$): its call has not renewed it for {}",
                stale.requestId(),
                held.get().toPlainString(),
                timeout);
        return 1;
    }
}
