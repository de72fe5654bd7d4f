package dev.tollgate.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.tollgate.support.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/** Failed sign-ins counted per email and per client address, on a clock the test moves. */
class SignInThrottleTests {

    final MutableClock clock = new MutableClock();
    final SignInThrottle throttle = new SignInThrottle(new SignInProperties(3, 5, Duration.ofMinutes(15)), clock);

    @Test
    void theFailureThatSpendsAnEmailsAllowanceSaysWhenToRetry() {
        SignInAttempt attempt = attempt("ada@example.com", "192.0.2.10");

        failTwice(attempt);
        throttle.admit(attempt);
        SignInThrottledException locked =
                catchThrowableOfType(SignInThrottledException.class, () -> throttle.failed(attempt));

        assertThat(locked).as("the third failure already says it is locked").isNotNull();
        assertThat(locked.retryAt())
                .as("one of three failures comes back after a third of the window")
                .isEqualTo(clock.instant().plus(Duration.ofMinutes(5)));
    }

    @Test
    void aSpentEmailIsRefusedUntilAFailureHasComeBack() {
        SignInAttempt attempt = attempt("ada@example.com", "192.0.2.10");
        spend(attempt, 3);

        SignInThrottledException refused =
                catchThrowableOfType(SignInThrottledException.class, () -> throttle.admit(attempt));
        assertThat(refused).as("refused before the password is looked at").isNotNull();
        assertThat(refused.retryAt()).isEqualTo(clock.instant().plus(Duration.ofMinutes(5)));

        clock.advance(Duration.ofMinutes(5));
        assertThatCode(() -> throttle.admit(attempt)).as("one try is back").doesNotThrowAnyException();
        assertThat(catchThrowableOfType(SignInThrottledException.class, () -> throttle.failed(attempt)))
                .as("and only one")
                .isNotNull();
    }

    @Test
    void aSuccessForgivesTheEmailsFailuresButNotTheAddresss() {
        SignInAttempt ada = attempt("ada@example.com", "192.0.2.10");
        failTwice(ada);
        throttle.admit(ada);
        throttle.succeeded(ada);

        failTwice(ada);
        throttle.admit(ada);
        throttle.succeeded(ada);

        SignInAttempt grace = attempt("grace@example.com", "192.0.2.10");
        throttle.admit(grace);
        assertThat(catchThrowableOfType(SignInThrottledException.class, () -> throttle.failed(grace)))
                .as("the address has spent its five failures on two emails")
                .isNotNull();
    }

    @Test
    void anAttemptRefusedForItsAddressTakesNothingFromItsEmail() {
        for (int email = 1; email <= 5; email++) {
            spend(attempt("sprayed-" + email + "@example.com", "192.0.2.20"), 1);
        }
        SignInAttempt ada = attempt("ada@example.com", "192.0.2.20");
        for (int refused = 1; refused <= 10; refused++) {
            assertThat(catchThrowableOfType(SignInThrottledException.class, () -> throttle.admit(ada)))
                    .isNotNull();
        }

        assertThatCode(() -> failTwice(attempt("ada@example.com", "192.0.2.21")))
                .as("ada's own allowance is untouched")
                .doesNotThrowAnyException();
    }

    @Test
    void emailsCountAlikeWhateverTheirCaseAndSurroundingSpace() {
        failTwice(SignInAttempt.of(typed("Ada@Example.com", "192.0.2.30")));
        throttle.admit(SignInAttempt.of(typed("  ada@example.COM ", "192.0.2.31")));

        assertThat(catchThrowableOfType(
                        SignInThrottledException.class,
                        () -> throttle.failed(SignInAttempt.of(typed("ada@example.com", "192.0.2.32")))))
                .isNotNull();
    }

    @Test
    void addressesOfOneIpv6SlashSixtyFourShareAnAllowance() {
        assertThat(SignInAttempt.of(typed("a@example.com", "2001:db8:1:2:aaaa::1"))
                        .address())
                .isEqualTo(SignInAttempt.of(typed("a@example.com", "2001:db8:1:2:ffff:1:2:3"))
                        .address())
                .isNotEqualTo(SignInAttempt.of(typed("a@example.com", "2001:db8:1:3::1"))
                        .address());
        assertThat(SignInAttempt.of(typed("a@example.com", "192.0.2.1")).address())
                .isNotEqualTo(
                        SignInAttempt.of(typed("a@example.com", "192.0.2.2")).address());
    }

    @Test
    void anUnusedAllowanceIsFullAgainAfterTheWindow() {
        SignInAttempt attempt = attempt("ada@example.com", "192.0.2.40");
        spend(attempt, 3);

        clock.advance(Duration.ofMinutes(15));

        assertThatCode(() -> failTwice(attempt)).doesNotThrowAnyException();
        Instant now = clock.instant();
        throttle.admit(attempt);
        assertThat(catchThrowableOfType(SignInThrottledException.class, () -> throttle.failed(attempt)))
                .satisfies(locked -> assertThat(locked.retryAt()).isEqualTo(now.plus(Duration.ofMinutes(5))));
    }

    private void failTwice(SignInAttempt attempt) {
        spend(attempt, 2);
    }

    /** Fails this many times, ignoring whether the last failure reports the lock. */
    private void spend(SignInAttempt attempt, int failures) {
        for (int failure = 1; failure <= failures; failure++) {
            throttle.admit(attempt);
            try {
                throttle.failed(attempt);
            } catch (SignInThrottledException spent) {
                assertThat(failure).as("only the last failure may lock").isEqualTo(failures);
            }
        }
    }

    static SignInAttempt attempt(String email, String address) {
        return SignInAttempt.of(typed(email, address));
    }

    private static UsernamePasswordAuthenticationToken typed(String email, String address) {
        UsernamePasswordAuthenticationToken token =
                UsernamePasswordAuthenticationToken.unauthenticated(email, "some password");
        token.setDetails(new WebAuthenticationDetails(address, null));
        return token;
    }
}
