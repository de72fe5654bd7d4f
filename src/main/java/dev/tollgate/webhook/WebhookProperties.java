package dev.tollgate.webhook;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How webhook events are delivered ({@code tollgate.webhook.*}).
 *
 * @param attempts how often an event is posted at most, the first try included
 * @param firstRetryDelay the wait before the first retry; each further retry waits four times as long
 */
@ConfigurationProperties("tollgate.webhook")
public record WebhookProperties(
        @DefaultValue("5") int attempts, @DefaultValue("2s") Duration firstRetryDelay) {

    public WebhookProperties {
        if (attempts < 1 || attempts > 10) {
            throw new IllegalArgumentException("tollgate.webhook.attempts is between 1 and 10");
        }
        if (!firstRetryDelay.isPositive()) {
            throw new IllegalArgumentException("tollgate.webhook.first-retry-delay is positive");
        }
    }

    Duration delayBefore(int attempt) {
        return firstRetryDelay.multipliedBy((long) Math.pow(4, attempt - 2));
    }
}
