package dev.tollgate.account;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How many failed portal sign-ins are accepted before signing in pauses ({@code tollgate.sign-in.*}).
 *
 * @param failuresPerAccount failures for one email address, whether or not an account has it
 * @param failuresPerAddress failures from one client address (an IPv6 client's whole /64), over all emails
 * @param failureWindow how long a spent allowance takes to come back in full; it returns one failure at a time
 */
@ConfigurationProperties("tollgate.sign-in")
public record SignInProperties(
        @DefaultValue("5") int failuresPerAccount,
        @DefaultValue("20") int failuresPerAddress,
        @DefaultValue("15m") Duration failureWindow) {

    public SignInProperties {
        if (failuresPerAccount < 1 || failuresPerAddress < 1) {
            throw new IllegalArgumentException("tollgate.sign-in allows at least one failure per account and address");
        }
        if (!failureWindow.isPositive()) {
            throw new IllegalArgumentException("tollgate.sign-in.failure-window is positive");
        }
    }
}
