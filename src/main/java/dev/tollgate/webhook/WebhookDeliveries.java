package dev.tollgate.webhook;

import dev.tollgate.billing.KeyBudgetCrossed;
import jakarta.annotation.PreDestroy;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Posts each budget crossing to its team's webhook once the spending that caused it has committed, on a thread of
 * its own so the settle that published it never waits for a receiver. Failures that may pass (network errors, 429,
 * 5xx) are retried with growing delays up to {@code tollgate.webhook.attempts}. Retries are kept in memory: an event
 * still being retried when the instance stops is not delivered, though its alert stays in the portal.
 */
@Component
class WebhookDeliveries {

    private static final Logger log = LoggerFactory.getLogger(WebhookDeliveries.class);

    private final TeamWebhookStore webhooks;
    private final WebhookPayloads payloads;
    private final WebhookSender sender;
    private final WebhookProperties properties;
    private final ExecutorService posts = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("webhook-delivery-", 0).factory());
    private final ScheduledExecutorService retries = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("webhook-retries").daemon().factory());

    WebhookDeliveries(
            TeamWebhookStore webhooks, WebhookPayloads payloads, WebhookSender sender, WebhookProperties properties) {
        this.webhooks = webhooks;
        this.payloads = payloads;
        this.sender = sender;
        this.properties = properties;
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void onKeyBudgetCrossed(KeyBudgetCrossed crossed) {
        posts.execute(() -> attempt(crossed, 1));
    }

    private void attempt(KeyBudgetCrossed crossed, int attempt) {
        try {
            // read again on every attempt: a webhook cleared or moved meanwhile gets nothing, or gets it at its new URL
            webhooks.find(crossed.team()).ifPresent(webhook -> {
                WebhookSender.Attempt result =
                        sender.send(webhook, crossed.alertId(), payloads.budgetCrossed(crossed, webhook.teamName()));
                if (result.delivered()) {
                    return;
                }
                if (result.worthRetrying() && attempt < properties.attempts()) {
                    log.debug("Webhook event {} attempt {} failed, retrying: {}", crossed.alertId(), attempt, result);
                    retries.schedule(
                            () -> posts.execute(() -> attempt(crossed, attempt + 1)),
                            properties.delayBefore(attempt + 1).toMillis(),
                            TimeUnit.MILLISECONDS);
                } else {
                    log.warn(
                            "Webhook event {} for team {} was not delivered after {} attempts: {}",
                            crossed.alertId(),
                            crossed.team().value(),
                            attempt,
                            result.message());
                }
            });
        } catch (RuntimeException unexpected) {
            log.error("Delivering webhook event {} failed", crossed.alertId(), unexpected);
        }
    }

    @PreDestroy
    void close() {
        retries.shutdownNow();
        posts.shutdownNow();
    }
}
