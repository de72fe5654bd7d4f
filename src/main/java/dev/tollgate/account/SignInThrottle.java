package dev.tollgate.account;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.TimeMeter;
import java.time.Clock;
import java.time.Instant;
import org.springframework.stereotype.Component;

/**
 * Allowances of failed sign-ins as token buckets (Bucket4j), one per email and one per client address, in this
 * instance's memory. Every attempt takes a try from both before its password is checked, so parallel guesses cannot
 * overrun an allowance; a success gives the address its try back and forgives the email's failures. Spent tries come
 * back one at a time over the failure window.
 */
@Component
class SignInThrottle {

    /** Emails and addresses tracked at most; a bucket unused for a whole window is full again and can go. */
    private static final long MOST_TRACKED = 100_000;

    private final SignInProperties limits;
    private final Clock clock;
    private final TimeMeter time;
    private final Cache<String, Bucket> accounts;
    private final Cache<String, Bucket> addresses;

    SignInThrottle(SignInProperties limits, Clock clock) {
        this.limits = limits;
        this.clock = clock;
        this.time = new ClockTime(clock);
        this.accounts = buckets();
        this.addresses = buckets();
    }

    /** Takes one try from the attempt's email and address, or refuses it (taking nothing) when either is spent. */
    void admit(SignInAttempt attempt) {
        Bucket account = accounts.get(attempt.account(), key -> bucket(limits.failuresPerAccount()));
        Bucket address = addresses.get(attempt.address(), key -> bucket(limits.failuresPerAddress()));
        boolean accountAdmits = account.tryConsume(1);
        boolean addressAdmits = address.tryConsume(1);
        if (accountAdmits && addressAdmits) {
            return;
        }
        if (accountAdmits) {
            account.addTokens(1);
        }
        if (addressAdmits) {
            address.addTokens(1);
        }
        throw refusal(account, address);
    }

    /** The admitted attempt failed; its try stays spent. Throws when that was the last try, so it is said at once. */
    void failed(SignInAttempt attempt) {
        Bucket account = accounts.get(attempt.account(), key -> bucket(limits.failuresPerAccount()));
        Bucket address = addresses.get(attempt.address(), key -> bucket(limits.failuresPerAddress()));
        if (account.getAvailableTokens() < 1 || address.getAvailableTokens() < 1) {
            throw refusal(account, address);
        }
    }

    /** The admitted attempt signed in: the email's failures are forgiven and the address gets its try back. */
    void succeeded(SignInAttempt attempt) {
        accounts.invalidate(attempt.account());
        Bucket address = addresses.getIfPresent(attempt.address());
        if (address != null) {
            address.addTokens(1);
        }
    }

    private SignInThrottledException refusal(Bucket account, Bucket address) {
        long wait = Math.max(nanosUntilATry(account), nanosUntilATry(address));
        return new SignInThrottledException(Instant.now(clock).plusNanos(wait));
    }

    private static long nanosUntilATry(Bucket bucket) {
        return bucket.estimateAbilityToConsume(1).getNanosToWaitForRefill();
    }

    private Bucket bucket(int failures) {
        return Bucket.builder()
                .addLimit(limit -> limit.capacity(failures).refillGreedy(failures, limits.failureWindow()))
                .withCustomTimePrecision(time)
                .build();
    }

    private Cache<String, Bucket> buckets() {
        return Caffeine.newBuilder()
                .maximumSize(MOST_TRACKED)
                .expireAfterAccess(limits.failureWindow())
                .ticker(time::currentTimeNanos)
                .build();
    }

    /** The product's clock as Bucket4j's time source, so that tests can move time. */
    private record ClockTime(Clock clock) implements TimeMeter {

        @Override
        public long currentTimeNanos() {
            Instant now = clock.instant();
            return now.getEpochSecond() * 1_000_000_000L + now.getNano();
        }

        @Override
        public boolean isWallClockBased() {
            return true;
        }
    }
}
