package dev.tollgate.account;

import dev.tollgate.redis.SharedRedis;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;

/**
 * Allowances in Redis, shared by every replica, so that spreading guesses over replicas gains nothing. Redis holds a
 * digest of each email and address, not the email or address itself, and drops a bucket once it is full again.
 */
final class SharedSignInAllowances implements SignInAllowances {

    private final String prefix;
    private final BucketConfiguration configuration;
    private final ProxyManager<String> buckets;

    /** @param kind what the keys are, part of the Redis key: {@code email}, {@code address} */
    SharedSignInAllowances(SharedRedis redis, String kind, int tries, Duration window, TimeMeter time) {
        this.prefix = "tollgate:sign-in:" + kind + ":";
        this.configuration = BucketConfiguration.builder()
                .addLimit(limit -> limit.capacity(tries).refillGreedy(tries, window))
                .build();
        this.buckets = Bucket4jLettuce.casBasedBuilder(redis.commands())
                .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ZERO))
                .requestTimeout(redis.timeout())
                // the product's clock, as in memory: every replica refills by it (replicas' clocks kept by NTP)
                .clientClock(time)
                .build();
    }

    @Override
    public Bucket of(String key) {
        return buckets.getProxy(redisKey(key), () -> configuration);
    }

    @Override
    public void forget(String key) {
        buckets.removeProxy(redisKey(key));
    }

    private String redisKey(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return prefix + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JDK has SHA-256", e);
        }
    }
}
