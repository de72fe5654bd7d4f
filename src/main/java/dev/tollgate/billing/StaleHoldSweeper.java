package dev.tollgate.billing;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Releases holds whose request never settled them (its instance died mid-call), so credit is never locked forever.
 * Each release is the same compare-and-set as a settle, so a late settle and the sweeper cannot both act.
 */
@Component
class StaleHoldSweeper {

    private static final Logger log = LoggerFactory.getLogger(StaleHoldSweeper.class);

    private final CreditHoldRepository holds;
    private final CreditAccountRepository accounts;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final Duration timeout;

    StaleHoldSweeper(
            CreditHoldRepository holds,
            CreditAccountRepository accounts,
            ApplicationEventPublisher events,
            TransactionTemplate transactions,
            Clock clock,
            @Value("${tollgate.billing.hold-timeout:30m}") Duration timeout) {
        this.holds = holds;
        this.accounts = accounts;
        this.events = events;
        this.transactions = transactions;
        this.clock = clock;
        this.timeout = timeout;
    }

    @Scheduled(fixedDelayString = "${tollgate.billing.hold-sweep-interval:60s}")
    void releaseStaleHolds() {
        Instant now = clock.instant();
        for (CreditHoldRepository.OpenHold stale : holds.heldBefore(now.minus(timeout), 500)) {
            transactions.executeWithoutResult(status -> release(stale, now));
        }
    }

    int release(CreditHoldRepository.OpenHold stale, Instant now) {
        if (!holds.markSettled(stale.id(), BigDecimal.ZERO, now)) {
            return 0;
        }
        accounts.settle(stale.teamId(), stale.amount(), BigDecimal.ZERO, now);
        events.publishEvent(new HoldReleased(
                stale.id(), stale.requestId(), stale.apiKeyId(), new dev.tollgate.money.Credits(stale.amount())));
        log.warn(
                "Released the stale hold of request {} ({} Cr$)",
                stale.requestId(),
                stale.amount().toPlainString());
        return 1;
    }
}
