package dev.tollgate.billing;

import dev.tollgate.database.ExclusiveDatabase;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Releases at start-up the holds of requests that died with an earlier run (the process was killed mid-call), rather
 * than a hold timeout later. Only on a database this instance has to itself: there every hold made before it opened
 * the database is a dead request's. On a shared database other instances' holds are alive, and only the sweeper's
 * timeout can tell a dead one.
 */
@Component
class OrphanedHolds {

    private static final Logger log = LoggerFactory.getLogger(OrphanedHolds.class);
    private static final int BATCH = 500;

    private final ObjectProvider<ExclusiveDatabase> exclusiveDatabase;
    private final CreditHoldRepository holds;
    private final StaleHoldSweeper sweeper;
    private final TransactionTemplate transactions;
    private final Clock clock;

    OrphanedHolds(
            ObjectProvider<ExclusiveDatabase> exclusiveDatabase,
            CreditHoldRepository holds,
            StaleHoldSweeper sweeper,
            TransactionTemplate transactions,
            Clock clock) {
        this.exclusiveDatabase = exclusiveDatabase;
        this.holds = holds;
        this.sweeper = sweeper;
        this.transactions = transactions;
        this.clock = clock;
    }

    @EventListener(ApplicationStartedEvent.class)
    void releaseOnStart() {
        ExclusiveDatabase database = exclusiveDatabase.getIfAvailable();
        if (database == null) {
            return;
        }
        try {
            releaseHeldBefore(database.openedAt());
        } catch (RuntimeException e) {
            // not worth refusing to start over: the sweeper releases them after the hold timeout
            log.error("Could not release the holds left by the previous run", e);
        }
    }

    /** Releases every hold made before {@code cutoff} that is still held; how many it released. */
    private int releaseHeldBefore(Instant cutoff) {
        int released = 0;
        List<CreditHoldRepository.OpenHold> open;
        while (!(open = holds.staleSince(cutoff, BATCH)).isEmpty()) {
            Instant now = clock.instant();
            int releasedNow = 0;
            for (CreditHoldRepository.OpenHold hold : open) {
                releasedNow +=
                        Objects.requireNonNull(transactions.execute(status -> sweeper.release(hold, cutoff, now)));
            }
            released += releasedNow;
            if (releasedNow == 0) {
                // what is left was settled or renewed meanwhile: no call of the earlier run holds it
                break;
            }
        }
        if (released > 0) {
            log.info("Released {} holds of requests that ended with the previous run", released);
        }
        return released;
    }
}
