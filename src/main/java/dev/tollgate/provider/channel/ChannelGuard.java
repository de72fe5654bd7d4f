package dev.tollgate.provider.channel;

import dev.tollgate.provider.UpstreamException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * What keeps calls off a failing channel: a circuit breaker (Resilience4j) that opens after repeated failures and lets
 * one probe through after a while, the upstream's own {@code retry-after} (shared by every replica through
 * {@link ChannelCooldowns}), and the call history the admin view shows. One per channel and instance, kept across
 * reloads of the channel list. The breaker stays this instance's own: it judges the calls this replica made, over its
 * own network path, and a shared one would cost a round trip per call.
 */
final class ChannelGuard {

    private static final Duration LONGEST_COOLING = Duration.ofMinutes(10);

    private final ChannelId id;
    private final CircuitBreaker breaker;
    private final CallHistory history = new CallHistory();
    private final RoutingProperties properties;
    private final ChannelCooldowns cooldowns;
    private final Clock clock;

    ChannelGuard(ChannelId id, String name, RoutingProperties properties, ChannelCooldowns cooldowns, Clock clock) {
        this.id = id;
        this.properties = properties;
        this.cooldowns = cooldowns;
        this.clock = clock;
        this.breaker = CircuitBreaker.of(
                name,
                CircuitBreakerConfig.custom()
                        .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                        .slidingWindowSize(properties.window())
                        .minimumNumberOfCalls(Math.min(properties.minimumCalls(), properties.window()))
                        .failureRateThreshold(properties.failureRateThreshold())
                        .waitDurationInOpenState(properties.openFor())
                        .permittedNumberOfCallsInHalfOpenState(1)
                        // open → half-open happens when the next call asks, so an idle channel is not probed for
                        // nothing
                        .automaticTransitionFromOpenToHalfOpenEnabled(false)
                        .build());
    }

    /** When the upstream's {@code retry-after} still keeps the channel out, until when. */
    @Nullable
    Instant coolingUntil() {
        return cooldowns.coolingUntil(id);
    }

    /** Asks the breaker for one call; false while its circuit is open (or its half-open probe is out). */
    boolean tryAcquire() {
        return breaker.tryAcquirePermission();
    }

    void succeeded(Duration latency) {
        breaker.onSuccess(latency.toNanos(), TimeUnit.NANOSECONDS);
        history.add(new CallRecord(clock.instant(), false, latency, null));
    }

    /** A call that failed: the channel's fault when retryable, the request's (and no mark against it) otherwise. */
    void failed(Duration latency, UpstreamException failure) {
        if (!failure.retryable()) {
            breaker.onSuccess(latency.toNanos(), TimeUnit.NANOSECONDS);
            history.add(new CallRecord(clock.instant(), false, latency, null));
            return;
        }
        breaker.onError(latency.toNanos(), TimeUnit.NANOSECONDS, failure);
        history.add(new CallRecord(clock.instant(), true, latency, failure.getMessage()));
        Duration wait = failure.retryAfter();
        if (wait != null && wait.isPositive()) {
            cooldowns.coolUntil(id, clock.instant().plus(wait.compareTo(LONGEST_COOLING) > 0 ? LONGEST_COOLING : wait));
        }
    }

    /** A call that ended for a reason that says nothing about the channel (interrupted, a bug of ours). */
    void released() {
        breaker.releasePermission();
    }

    ChannelHealth health() {
        Instant now = clock.instant();
        List<CallRecord> recent = history.since(now.minus(properties.healthWindow()));
        long failures = recent.stream().filter(CallRecord::failed).count();
        CallRecord lastFailure = history.lastFailure();
        return new ChannelHealth(
                circuit(),
                recent.size(),
                recent.isEmpty() ? 0 : (double) failures / recent.size(),
                CallHistory.medianLatency(recent),
                lastFailure == null ? null : lastFailure.error(),
                lastFailure == null ? null : lastFailure.at(),
                coolingUntil());
    }

    ChannelHealth.Circuit circuit() {
        return switch (breaker.getState()) {
            case OPEN, FORCED_OPEN -> ChannelHealth.Circuit.OPEN;
            case HALF_OPEN -> ChannelHealth.Circuit.HALF_OPEN;
            default -> ChannelHealth.Circuit.CLOSED;
        };
    }
}
