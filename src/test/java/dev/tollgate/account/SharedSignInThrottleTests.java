package dev.tollgate.account;

import static dev.tollgate.account.SignInThrottleTests.attempt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.tollgate.redis.SharedRedis;
import dev.tollgate.support.MutableClock;
import dev.tollgate.support.RedisPerClass;
import dev.tollgate.support.RedisServer;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Failed sign-ins counted in a real Redis by two throttles playing two replicas. */
class SharedSignInThrottleTests {

    static final SignInProperties LIMITS = new SignInProperties(3, 5, Duration.ofMinutes(15));

    @RegisterExtension
    static final RedisPerClass redis = new RedisPerClass();

    final MutableClock clock = new MutableClock();
    SharedRedis redisOfA;
    SharedRedis redisOfB;
    SignInThrottle replicaA;
    SignInThrottle replicaB;

    @BeforeEach
    void twoReplicas() {
        redis.command("FLUSHALL");
        redisOfA = redis.replica();
        redisOfB = redis.replica();
        replicaA = new SignInThrottle(LIMITS, clock, Optional.of(redisOfA));
        replicaB = new SignInThrottle(LIMITS, clock, Optional.of(redisOfB));
    }

    @Test
    void failuresOnTwoReplicasCountAgainstOneAllowance() {
        SignInAttempt ada = attempt("ada@example.com", "192.0.2.10");
        fail(replicaA, ada);
        fail(replicaB, ada);
        replicaA.admit(ada);

        SignInThrottledException locked =
                catchThrowableOfType(SignInThrottledException.class, () -> replicaA.failed(ada));
        assertThat(locked)
                .as("the third failure, whichever replica took it, spends the email's three")
                .isNotNull();
        assertThat(locked.retryAt()).isEqualTo(clock.instant().plus(Duration.ofMinutes(5)));
        assertThat(catchThrowableOfType(SignInThrottledException.class, () -> replicaB.admit(ada)))
                .as("the other replica refuses the email too, before looking at a password")
                .isNotNull();

        clock.advance(Duration.ofMinutes(5));
        assertThatCode(() -> replicaB.admit(ada)).as("one try is back").doesNotThrowAnyException();
    }

    @Test
    void guessesSprayedOverReplicasAndEmailsSpendTheAddressOnce() {
        for (int email = 1; email <= 4; email++) {
            fail(email % 2 == 0 ? replicaA : replicaB, attempt("sprayed-" + email + "@example.com", "192.0.2.20"));
        }
        SignInAttempt fifth = attempt("sprayed-5@example.com", "192.0.2.20");
        replicaA.admit(fifth);
        assertThat(catchThrowableOfType(SignInThrottledException.class, () -> replicaA.failed(fifth)))
                .as("the fifth failure from one address, over two replicas and five emails, spends its five")
                .isNotNull();

        assertThat(catchThrowableOfType(
                        SignInThrottledException.class, () -> replicaB.admit(attempt("ada@example.com", "192.0.2.20"))))
                .as("the other replica refuses the address for an email it has not seen")
                .isNotNull();
    }

    @Test
    void aSuccessOnOneReplicaForgivesTheEmailsFailuresOnTheOther() {
        SignInAttempt ada = attempt("ada@example.com", "192.0.2.30");
        fail(replicaA, ada);
        fail(replicaA, ada);
        replicaB.admit(ada);
        replicaB.succeeded(ada);

        assertThatCode(() -> {
                    fail(replicaA, ada);
                    fail(replicaA, ada);
                })
                .as("the email's failures started again from none")
                .doesNotThrowAnyException();
    }

    @Test
    void redisKeepsDigestsNotTheEmailsOrAddresses() {
        fail(replicaA, attempt("ada@example.com", "192.0.2.40"));

        String keys = redis.command("KEYS", "*");
        assertThat(keys)
                .contains("tollgate:sign-in:email:", "tollgate:sign-in:address:")
                .doesNotContain("ada", "example", "192.0.2");
        assertThat(keys).containsPattern("tollgate:sign-in:email:[0-9a-f]{64}");
    }

    @Test
    void withRedisGoneEachReplicaCountsOnItsOwn() {
        try (RedisServer doomed = RedisServer.start()) {
            SharedRedis lost = SharedRedis.connect(doomed.url(), Duration.ofMillis(300));
            try {
                SignInThrottle replica = new SignInThrottle(LIMITS, clock, Optional.of(lost));
                SignInAttempt ada = attempt("ada@example.com", "192.0.2.50");
                fail(replica, ada);
                doomed.close();

                fail(replica, ada);
                fail(replica, ada);
                replica.admit(ada);
                assertThat(catchThrowableOfType(SignInThrottledException.class, () -> replica.failed(ada)))
                        .as("signing in still works, within the allowance counted on this replica alone")
                        .isNotNull();
            } finally {
                lost.close();
            }
        }
    }

    private static void fail(SignInThrottle throttle, SignInAttempt attempt) {
        throttle.admit(attempt);
        throttle.failed(attempt);
    }
}
