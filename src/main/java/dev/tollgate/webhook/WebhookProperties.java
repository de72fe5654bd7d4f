package dev.tollgate.webhook;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How webhook events are delivered ({@code tollgate.webhook.*}).
 *
 * @param attempts how often an event is posted at most, the first try included
 * @param firstRetryDelay the wait before the first retry; each further retry waits four times as long
 * @param pollInterval how often an instance looks for due events in the outbox; an event committed on this instance
 *     is looked at once without waiting for it
 * @param lease how long a claim on an event lasts unrenewed: its instance renews it while it posts, so an event whose
 *     instance died is claimed again by another one after this
 * @param retention how long delivered and failed events, and the delivery log, are kept
 */
@ConfigurationProperties("tollgate.webhook")
public record WebhookProperties(
        @DefaultValue("5") int attempts,
        @DefaultValue("2s") Duration firstRetryDelay,
        @DefaultValue("1s") Duration pollInterval,
        @DefaultValue("30s") Duration lease,
        @DefaultValue("30d") Duration retention) {

    public WebhookProperties {
        if (attempts < 1 || attempts > 10) {
            throw new IllegalArgumentException("tollgate.webhook.attempts is between 1 and 10");
        }
        if (!firstRetryDelay.isPositive()) {
            throw new IllegalArgumentException("tollgate.webhook.first-retry-delay is positive");
        }
        if (!pollInterval.isPositive() || !retention.isPositive()) {
            throw new IllegalArgumentException("tollgate.webhook poll-interval and retention are positive");
        }
        if (lease.compareTo(Duration.ofMillis(300)) < 0) {
            // renewed every third of it: shorter, a busy database could let a live claim lapse
            throw new IllegalArgumentException("tollgate.webhook.lease is at least 300ms");
        }
    }

    Duration delayBefore(int attempt) {
        return firstRetryDelay.multipliedBy((long) Math.pow(4, attempt - 2));
    }
}
