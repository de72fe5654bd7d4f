package dev.tollgate.webhook;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One attempt at one claimed event: posts it to the team's webhook as it is now (a webhook moved meanwhile gets it at
 * its new URL), then records the outcome in the outbox before anything else — delivered, due again after the backoff,
 * or failed after the last attempt or an answer not worth repeating — and writes the attempt to the team's log.
 */
final class EventDelivery {

    private static final Logger LOG = LoggerFactory.getLogger(EventDelivery.class);
    /** How long to wait between tries to mark a delivered event when the database does not answer. */
    private static final Duration MARK_RETRY = Duration.ofMillis(200);

    private final TeamWebhookStore webhooks;
    private final WebhookSender sender;
    private final WebhookOutbox outbox;
    private final WebhookDeliveryLog log;
    private final WebhookProperties properties;
    private final Clock clock;

    EventDelivery(
            TeamWebhookStore webhooks,
            WebhookSender sender,
            WebhookOutbox outbox,
            WebhookDeliveryLog log,
            WebhookProperties properties,
            Clock clock) {
        this.webhooks = webhooks;
        this.sender = sender;
        this.outbox = outbox;
        this.log = log;
        this.properties = properties;
        this.clock = clock;
    }

    void attempt(ClaimedEvent claimed, String worker) {
        WebhookEvent event = claimed.event();
        Optional<TeamWebhookStore.Registration> webhook = webhooks.find(event.team());
        if (webhook.isEmpty()) {
            outbox.failed(event.id(), worker, claimed.attempt() - 1, "The team has no webhook any more");
            return;
        }
        Instant at = clock.instant();
        WebhookSender.Attempt result = sender.send(webhook.get(), event.id(), event.payload());
        if (result.delivered()) {
            markDelivered(claimed, worker);
            logged(claimed, at, result, null);
        } else if (result.worthRetrying() && claimed.attempt() < properties.attempts()) {
            Instant next = clock.instant().plus(properties.delayBefore(claimed.attempt() + 1));
            if (!outbox.retryAt(event.id(), worker, claimed.attempt(), next, result.message())) {
                LOG.warn("Webhook event {} was taken over by another instance while it was posted", event.id());
            }
            LOG.debug("Webhook event {} attempt {} failed, retrying: {}", event.id(), claimed.attempt(), result);
            logged(claimed, at, result, next);
        } else {
            outbox.failed(event.id(), worker, claimed.attempt(), result.message());
            logged(claimed, at, result, null);
            LOG.warn(
                    "Webhook event {} for team {} was not delivered after {} attempts: {}",
                    event.id(),
                    event.team().value(),
                    claimed.attempt(),
                    result.message());
        }
    }

    /**
     * Marks the event delivered as soon as the receiver said so, trying again while the claim would last if the
     * database fails: until the mark commits, a lapsed claim lets another instance post the event once more.
     */
    private void markDelivered(ClaimedEvent claimed, String worker) {
        Instant giveUp = clock.instant().plus(properties.lease());
        while (true) {
            try {
                outbox.delivered(claimed.event().id(), worker, claimed.attempt(), clock.instant());
                return;
            } catch (RuntimeException e) {
                if (!clock.instant().isBefore(giveUp)) {
                    LOG.error(
                            "Webhook event {} was delivered but could not be marked so; it may be posted again",
                            claimed.event().id(),
                            e);
                    return;
                }
                try {
                    Thread.sleep(MARK_RETRY);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** Writes the attempt to the team's log; a log that cannot be written never stops a delivery or its retries. */
    private void logged(ClaimedEvent claimed, Instant at, WebhookSender.Attempt result, @Nullable Instant nextRetryAt) {
        WebhookEvent event = claimed.event();
        try {
            log.record(
                    event.team(),
                    new WebhookDeliveryAttempt(
                            event.id(),
                            event.type(),
                            claimed.attempt(),
                            at,
                            result.status(),
                            result.delivered() ? null : result.message(),
                            nextRetryAt));
        } catch (RuntimeException e) {
            LOG.warn("Webhook event {} attempt {} could not be logged", event.id(), claimed.attempt(), e);
        }
    }
}
