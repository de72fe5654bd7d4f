package dev.tollgate.calls;

import dev.tollgate.apikey.AuthenticatedKey;
import dev.tollgate.redis.LocalFallback;
import dev.tollgate.redis.SharedRedis;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Per-key requests-per-minute limits as token buckets (Bucket4j). With Redis configured the buckets live there, so
 * the limit holds across every replica together; without it, in this instance's memory. A key without a limit never
 * touches either. A bucket belongs to a key and its limit: a changed limit starts a fresh bucket, the old one expires.
 *
 * <p>When Redis cannot be reached, each replica limits on its own until it can again: callers are never refused for a
 * failure of ours, and a key gets at most its limit once per replica meanwhile.
 */
@Component
class KeyRateLimiter {

    private static final Logger log = LoggerFactory.getLogger(KeyRateLimiter.class);
    private static final String KEY_PREFIX = "tollgate:rpm:";
    /** A bucket full again is as good as none: Redis drops it this long after, instead of keeping every key's. */
    private static final Duration KEPT_WHEN_FULL = Duration.ofSeconds(10);

    private record BucketKey(UUID key, int rpm) {

        String redisKey() {
            return KEY_PREFIX + key + ":" + rpm;
        }
    }

    private final Map<BucketKey, Bucket> local = new ConcurrentHashMap<>();
    private final @Nullable ProxyManager<String> shared;
    private final LocalFallback fallback =
            new LocalFallback(log, "request limits are shared by every replica", "each replica limits keys on its own");

    KeyRateLimiter(Optional<SharedRedis> redis) {
        this.shared = redis.map(KeyRateLimiter::proxyManager).orElse(null);
    }

    private static ProxyManager<String> proxyManager(SharedRedis redis) {
        return Bucket4jLettuce.casBasedBuilder(redis.commands())
                .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(KEPT_WHEN_FULL))
                .requestTimeout(redis.timeout())
                .build();
    }

    /** Takes one request from the key's allowance, or refuses the call saying when to retry. */
    void acquire(AuthenticatedKey key) {
        Integer rpm = key.requestsPerMinute();
        if (rpm == null) {
            return;
        }
        BucketKey bucket = new BucketKey(key.id().value(), rpm);
        ConsumptionProbe probe = take(bucket);
        if (!probe.isConsumed()) {
            long seconds = Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L);
            throw Refusals.rateLimited(rpm, Duration.ofSeconds(seconds));
        }
    }

    private ConsumptionProbe take(BucketKey bucket) {
        ProxyManager<String> redis = shared;
        if (redis != null) {
            try {
                ConsumptionProbe probe = redis.getProxy(bucket.redisKey(), () -> configuration(bucket.rpm()))
                        .tryConsumeAndReturnRemaining(1);
                fallback.answered();
                return probe;
            } catch (RuntimeException e) {
                fallback.unreachable(e);
            }
        }
        return local.computeIfAbsent(
                        bucket,
                        k -> Bucket.builder()
                                .addLimit(limit -> limit.capacity(k.rpm()).refillGreedy(k.rpm(), Duration.ofMinutes(1)))
                                .build())
                .tryConsumeAndReturnRemaining(1);
    }

    private static BucketConfiguration configuration(int rpm) {
        return BucketConfiguration.builder()
                .addLimit(limit -> limit.capacity(rpm).refillGreedy(rpm, Duration.ofMinutes(1)))
                .build();
    }
}
