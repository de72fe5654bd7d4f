package dev.tollgate.webhook;

import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Deletes delivered and failed events, and delivery log lines, older than {@code tollgate.webhook.retention}; pending
 * events stay whatever their age. In batches, so one run never holds a long lock; every replica may run it.
 */
@Component
class OutboxPrune {

    private static final Logger LOG = LoggerFactory.getLogger(OutboxPrune.class);
    private static final int BATCH = 1_000;

    private final WebhookOutbox outbox;
    private final WebhookDeliveryLog log;
    private final WebhookProperties properties;
    private final Clock clock;

    OutboxPrune(WebhookOutbox outbox, WebhookDeliveryLog log, WebhookProperties properties, Clock clock) {
        this.outbox = outbox;
        this.log = log;
        this.properties = properties;
        this.clock = clock;
    }

    @Scheduled(
            initialDelayString = "${tollgate.webhook.prune-interval:1h}",
            fixedDelayString = "${tollgate.webhook.prune-interval:1h}")
    void prune() {
        Instant before = clock.instant().minus(properties.retention());
        int events = 0;
        int deleted;
        do {
            deleted = outbox.pruneFinished(before, BATCH);
            events += deleted;
        } while (deleted == BATCH);
        int attempts = 0;
        do {
            deleted = log.prune(before, BATCH);
            attempts += deleted;
        } while (deleted == BATCH);
        if (events + attempts > 0) {
            LOG.info("Pruned {} webhook events and {} delivery log lines past their retention", events, attempts);
        }
    }
}
