package dev.tollgate.provider.channel;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How requests are spread over channels and moved off failing ones ({@code tollgate.routing.*}).
 *
 * @param maxAttempts upstream calls one request may make in all, over every channel, before it fails
 * @param maxRetryWait the longest {@code retry-after} a request waits out for a channel when no other can take it;
 *     longer ones fail the request at once (503) and the channel is skipped until its time is up
 * @param failureRateThreshold percentage of failed calls in the window that opens a channel's circuit
 * @param minimumCalls calls in the window before its failure rate counts
 * @param window how many recent calls the circuit breaker looks at
 * @param openFor how long an open circuit keeps a channel out before one probe call may go through
 * @param healthWindow how far back the admin view's error rate and latency look
 * @param refreshInterval how often an instance looks for channel changes made on other instances
 */
@ConfigurationProperties("tollgate.routing")
record RoutingProperties(
        @DefaultValue("4") int maxAttempts,
        @DefaultValue("10s") Duration maxRetryWait,
        @DefaultValue("50") int failureRateThreshold,
        @DefaultValue("5") int minimumCalls,
        @DefaultValue("20") int window,
        @DefaultValue("30s") Duration openFor,
        @DefaultValue("5m") Duration healthWindow,
        @DefaultValue("5s") Duration refreshInterval) {

    RoutingProperties {
        if (maxAttempts < 1 || window < 1 || minimumCalls < 1) {
            throw new IllegalArgumentException(
                    "tollgate.routing: max-attempts, window and minimum-calls are at least 1");
        }
        if (failureRateThreshold < 1 || failureRateThreshold > 100) {
            throw new IllegalArgumentException("tollgate.routing.failure-rate-threshold is a percentage, 1 to 100");
        }
    }
}
