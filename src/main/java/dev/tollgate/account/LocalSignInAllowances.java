package dev.tollgate.account;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.TimeMeter;
import java.time.Duration;

/** Allowances in this instance's memory, in a bounded table. */
final class LocalSignInAllowances implements SignInAllowances {

    /** Keys tracked at most; a bucket unused for a whole window is full again and can go. */
    private static final long MOST_TRACKED = 100_000;

    private final int tries;
    private final Duration window;
    private final TimeMeter time;
    private final Cache<String, Bucket> buckets;

    LocalSignInAllowances(int tries, Duration window, TimeMeter time) {
        this.tries = tries;
        this.window = window;
        this.time = time;
        this.buckets = Caffeine.newBuilder()
                .maximumSize(MOST_TRACKED)
                .expireAfterAccess(window)
                .ticker(time::currentTimeNanos)
                .build();
    }

    @Override
    public Bucket of(String key) {
        return buckets.get(
                key,
                unseen -> Bucket.builder()
                        .addLimit(limit -> limit.capacity(tries).refillGreedy(tries, window))
                        .withCustomTimePrecision(time)
                        .build());
    }

    @Override
    public void forget(String key) {
        buckets.invalidate(key);
    }
}
