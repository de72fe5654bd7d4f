package dev.tollgate.calls;

import dev.tollgate.apikey.AuthenticatedKey;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Per-key requests-per-minute limits as token buckets (Bucket4j), in this instance's memory. Several replicas each
 * enforce the full limit; a shared store (Redis) is the step for exact limits across replicas.
 */
@Component
class KeyRateLimiter {

    private record BucketKey(java.util.UUID key, int rpm) {}

    private final Map<BucketKey, Bucket> buckets = new ConcurrentHashMap<>();

    /** Takes one request from the key's allowance, or refuses the call saying when to retry. */
    void acquire(AuthenticatedKey key) {
        Integer rpm = key.requestsPerMinute();
        if (rpm == null) {
            return;
        }
        Bucket bucket = buckets.computeIfAbsent(
                new BucketKey(key.id().value(), rpm),
                k -> Bucket.builder()
                        .addLimit(limit -> limit.capacity(rpm).refillGreedy(rpm, Duration.ofMinutes(1)))
                        .build());
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            long seconds = Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L);
            throw Refusals.rateLimited(rpm, Duration.ofSeconds(seconds));
        }
    }
}
