package dev.tollgate.account;

import java.time.Instant;
import org.springframework.security.core.AuthenticationException;

/**
 * A sign-in refused without looking at the password, because too many sign-ins failed for this email or from this
 * client address. Says nothing about whether the account exists.
 */
public final class SignInThrottledException extends AuthenticationException {

    private final Instant retryAt;

    SignInThrottledException(Instant retryAt) {
        super("Too many failed sign-ins; try again after " + retryAt);
        this.retryAt = retryAt;
    }

    /** The earliest moment another attempt is looked at. */
    public Instant retryAt() {
        return retryAt;
    }
}
