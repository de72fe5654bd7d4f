package dev.tollgate.webhook;

import dev.tollgate.billing.KeyBudgetCrossed;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Posts each budget crossing to its team's webhook once the spending that caused it has committed, on a thread of
 * its own so the settle that published it never waits for a receiver. Failures that may pass (network errors, 429,
 * 5xx) are retried with growing delays up to {@code tollgate.webhook.attempts}. Retries are kept in memory: an event
 * still being retried when the instance stops is not delivered, though its alert stays in the portal. Every attempt is
 * written to the team's delivery log, with the next retry's time when one is scheduled.
 */
@Component
class WebhookDeliveries {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookDeliveries.class);

    private final TeamWebhookStore webhooks;
    private final WebhookPayloads payloads;
    private final WebhookSender sender;
    private final WebhookProperties properties;
    private final WebhookDeliveryLog log;
    private final Clock clock;
    private final ExecutorService posts = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("webhook-delivery-", 0).factory());
    private final ScheduledExecutorService retries = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("webhook-retries").daemon().factory());

    WebhookDeliveries(
            TeamWebhookStore webhooks,
            WebhookPayloads payloads,
            WebhookSender sender,
            WebhookProperties properties,
            WebhookDeliveryLog log,
            Clock clock) {
        this.webhooks = webhooks;
        this.payloads = payloads;
        this.sender = sender;
        this.properties = properties;
        this.log = log;
        this.clock = clock;
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void onKeyBudgetCrossed(KeyBudgetCrossed crossed) {
        posts.execute(() -> attempt(crossed, 1));
    }

    private void attempt(KeyBudgetCrossed crossed, int attempt) {
        try {
            // read again on every attempt: a webhook cleared or moved meanwhile gets nothing, or gets it at its new URL
            webhooks.find(crossed.team()).ifPresent(webhook -> {
                Instant at = clock.instant();
                WebhookSender.Attempt result =
                        sender.send(webhook, crossed.alertId(), payloads.budgetCrossed(crossed, webhook.teamName()));
                if (result.delivered()) {
                    logged(crossed, attempt, at, result, null);
                    return;
                }
                if (result.worthRetrying() && attempt < properties.attempts()) {
                    LOG.debug("Webhook event {} attempt {} failed, retrying: {}", crossed.alertId(), attempt, result);
                    Duration delay = properties.delayBefore(attempt + 1);
                    retries.schedule(
                            () -> posts.execute(() -> attempt(crossed, attempt + 1)),
                            delay.toMillis(),
                            TimeUnit.MILLISECONDS);
                    logged(crossed, attempt, at, result, clock.instant().plus(delay));
                } else {
                    logged(crossed, attempt, at, result, null);
                    LOG.warn(
                            "Webhook event {} for team {} was not delivered after {} attempts: {}",
                            crossed.alertId(),
                            crossed.team().value(),
                            attempt,
                            result.message());
                }
            });
        } catch (RuntimeException unexpected) {
            LOG.error("Delivering webhook event {} failed", crossed.alertId(), unexpected);
        }
    }

    /** Writes the attempt to the team's log; a log that cannot be written never stops a delivery or its retries. */
    private void logged(
            KeyBudgetCrossed crossed,
            int attempt,
            Instant at,
            WebhookSender.Attempt result,
            @Nullable Instant nextRetryAt) {
        try {
            log.record(
                    crossed.team(),
                    new WebhookDeliveryAttempt(
                            crossed.alertId(),
                            WebhookPayloads.BUDGET_THRESHOLD,
                            attempt,
                            at,
                            result.status(),
                            result.delivered() ? null : result.message(),
                            nextRetryAt));
        } catch (RuntimeException e) {
            LOG.warn("Webhook event {} attempt {} could not be logged", crossed.alertId(), attempt, e);
        }
    }

    @PreDestroy
    void close() {
        retries.shutdownNow();
        posts.shutdownNow();
    }
}
