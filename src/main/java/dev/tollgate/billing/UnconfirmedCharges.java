package dev.tollgate.billing;

import dev.tollgate.database.ExclusiveDatabase;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Refunds fixed-price charges whose request died before confirming them (the process was killed while the images were
 * being made): at start-up on a database this instance has to itself, where every unconfirmed charge made before it
 * opened the database is a dead request's; and on any database once a charge has gone unconfirmed for {@code
 * tollgate.billing.charge-confirm-timeout}, longer than any request takes. Each refund is a compare-and-set that checks
 * again that the charge is unconfirmed, so a confirmation and a refund never both win.
 */
@Component
class UnconfirmedCharges {

    private static final Logger log = LoggerFactory.getLogger(UnconfirmedCharges.class);
    private static final int BATCH = 500;
    private static final String REASON = "the request ended before what it paid for was delivered";

    private final ObjectProvider<ExclusiveDatabase> exclusiveDatabase;
    private final PrepaidChargeRepository charges;
    private final PrepaidCharges prepaid;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final Duration timeout;

    UnconfirmedCharges(
            ObjectProvider<ExclusiveDatabase> exclusiveDatabase,
            PrepaidChargeRepository charges,
            PrepaidCharges prepaid,
            TransactionTemplate transactions,
            Clock clock,
            HoldProperties properties) {
        this.exclusiveDatabase = exclusiveDatabase;
        this.charges = charges;
        this.prepaid = prepaid;
        this.transactions = transactions;
        this.clock = clock;
        this.timeout = properties.chargeConfirmTimeout();
    }

    @EventListener(ApplicationStartedEvent.class)
    void refundOnStart() {
        ExclusiveDatabase database = exclusiveDatabase.getIfAvailable();
        if (database == null) {
            return;
        }
        try {
            int refunded = refundMadeBefore(database.openedAt());
            if (refunded > 0) {
                log.info("Refunded {} charges of requests that ended with the previous run", refunded);
            }
        } catch (RuntimeException e) {
            // not worth refusing to start over: the sweep refunds them after the timeout
            log.error("Could not refund the charges left unconfirmed by the previous run", e);
        }
    }

    @Scheduled(fixedDelayString = "${tollgate.billing.hold-sweep-interval:60s}")
    void refundStale() {
        int refunded = refundMadeBefore(clock.instant().minus(timeout));
        if (refunded > 0) {
            log.warn("Refunded {} charges left unconfirmed for {}", refunded, timeout);
        }
    }

    /** Refunds every unconfirmed charge made before {@code cutoff}; how many it refunded. */
    int refundMadeBefore(Instant cutoff) {
        int refunded = 0;
        List<PrepaidCharge> open;
        while (!(open = charges.unconfirmedSince(cutoff, BATCH)).isEmpty()) {
            Instant now = clock.instant();
            int refundedNow = 0;
            for (PrepaidCharge charge : open) {
                if (Objects.requireNonNull(
                        transactions.execute(status -> prepaid.refundUnconfirmed(charge, cutoff, REASON, now)))) {
                    refundedNow++;
                }
            }
            refunded += refundedNow;
            if (refundedNow == 0) {
                // what is left was confirmed or refunded meanwhile
                break;
            }
        }
        return refunded;
    }
}
