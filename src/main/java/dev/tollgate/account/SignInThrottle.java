package dev.tollgate.account;

import dev.tollgate.redis.LocalFallback;
import dev.tollgate.redis.SharedRedis;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.TimeMeter;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Allowances of failed sign-ins as token buckets (Bucket4j), one per email and one per client address: in Redis,
 * shared by every replica, when one is configured, else in this instance's memory. Every attempt takes a try from both
 * before its password is checked, so parallel guesses cannot overrun an allowance; a success gives the address its try
 * back and forgives the email's failures. Spent tries come back one at a time over the failure window.
 *
 * <p>While Redis cannot be reached, each replica counts in its own memory, as key limits do (decision 0046): signing
 * in stays possible, at most the allowance per replica.
 */
@Component
class SignInThrottle {

    private static final Logger log = LoggerFactory.getLogger(SignInThrottle.class);

    private record Allowances(SignInAllowances emails, SignInAllowances addresses) {}

    private final Clock clock;
    private final Allowances local;
    private final @Nullable Allowances shared;
    private final LocalFallback fallback = new LocalFallback(
            log, "sign-in allowances are shared by every replica", "each replica counts failed sign-ins on its own");

    @Autowired
    SignInThrottle(SignInProperties limits, Clock clock, Optional<SharedRedis> redis) {
        TimeMeter time = new ClockTime(clock);
        this.clock = clock;
        this.local = new Allowances(
                new LocalSignInAllowances(limits.failuresPerAccount(), limits.failureWindow(), time),
                new LocalSignInAllowances(limits.failuresPerAddress(), limits.failureWindow(), time));
        this.shared = redis.map(shared -> new Allowances(
                        new SharedSignInAllowances(
                                shared, "email", limits.failuresPerAccount(), limits.failureWindow(), time),
                        new SharedSignInAllowances(
                                shared, "address", limits.failuresPerAddress(), limits.failureWindow(), time)))
                .orElse(null);
    }

    /** In this instance's memory only. */
    SignInThrottle(SignInProperties limits, Clock clock) {
        this(limits, clock, Optional.empty());
    }

    /** Takes one try from the attempt's email and address, or refuses it (taking nothing) when either is spent. */
    void admit(SignInAttempt attempt) {
        onAllowances(allowances -> {
            Bucket email = allowances.emails().of(attempt.account());
            Bucket address = allowances.addresses().of(attempt.address());
            boolean emailAdmits = email.tryConsume(1);
            boolean addressAdmits = address.tryConsume(1);
            if (emailAdmits && addressAdmits) {
                return;
            }
            if (emailAdmits) {
                email.addTokens(1);
            }
            if (addressAdmits) {
                address.addTokens(1);
            }
            throw refusal(email, address);
        });
    }

    /** The admitted attempt failed; its try stays spent. Throws when that was the last try, so it is said at once. */
    void failed(SignInAttempt attempt) {
        onAllowances(allowances -> {
            Bucket email = allowances.emails().of(attempt.account());
            Bucket address = allowances.addresses().of(attempt.address());
            if (email.getAvailableTokens() < 1 || address.getAvailableTokens() < 1) {
                throw refusal(email, address);
            }
        });
    }

    /** The admitted attempt signed in: the email's failures are forgiven and the address gets its try back. */
    void succeeded(SignInAttempt attempt) {
        onAllowances(allowances -> {
            allowances.emails().forget(attempt.account());
            allowances.addresses().of(attempt.address()).addTokens(1);
        });
    }

    /** Runs the step on the shared allowances, or on this instance's when there are none or Redis cannot be reached. */
    private void onAllowances(Consumer<Allowances> step) {
        Allowances redis = shared;
        if (redis != null) {
            try {
                step.accept(redis);
                fallback.answered();
                return;
            } catch (SignInThrottledException refused) {
                fallback.answered();
                throw refused;
            } catch (RuntimeException e) {
                fallback.unreachable(e);
            }
        }
        step.accept(local);
    }

    private SignInThrottledException refusal(Bucket email, Bucket address) {
        long wait = Math.max(nanosUntilATry(email), nanosUntilATry(address));
        return new SignInThrottledException(Instant.now(clock).plusNanos(wait));
    }

    private static long nanosUntilATry(Bucket bucket) {
        return bucket.estimateAbilityToConsume(1).getNanosToWaitForRefill();
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
