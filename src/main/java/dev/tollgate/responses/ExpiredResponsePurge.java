package dev.tollgate.responses;

import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Deletes stored responses whose retention has ended. Reads already ignore them; this only frees the space, in batches
 * so that one run never holds a long lock. Every replica may run it: a row deleted twice is deleted once.
 */
@Component
class ExpiredResponsePurge {

    private static final Logger log = LoggerFactory.getLogger(ExpiredResponsePurge.class);
    private static final int BATCH = 1_000;

    private final ResponseStore store;
    private final Clock clock;

    ExpiredResponsePurge(ResponseStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    @Scheduled(
            initialDelayString = "${tollgate.responses.purge-interval:1h}",
            fixedDelayString = "${tollgate.responses.purge-interval:1h}")
    void purge() {
        int total = 0;
        int deleted;
        do {
            deleted = store.purgeExpired(clock.instant(), BATCH);
            total += deleted;
        } while (deleted == BATCH);
        if (total > 0) {
            log.info("Purged {} stored responses past their retention", total);
        }
    }
}
