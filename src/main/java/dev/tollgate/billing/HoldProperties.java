package dev.tollgate.billing;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long holds of chat calls live ({@code tollgate.billing.*}).
 *
 * @param holdTimeout how long a hold lives unrenewed: the hold of a call whose instance died is released this long after
 *     its last renewal
 * @param holdRenewalInterval how often an instance renews the holds of the calls it is running, all in one statement
 * @param holdSweepInterval how often an instance looks for holds to release
 */
@ConfigurationProperties("tollgate.billing")
record HoldProperties(
        @DefaultValue("5m") Duration holdTimeout,
        @DefaultValue("30s") Duration holdRenewalInterval,
        @DefaultValue("60s") Duration holdSweepInterval) {

    HoldProperties {
        if (!holdTimeout.isPositive() || !holdRenewalInterval.isPositive() || !holdSweepInterval.isPositive()) {
            throw new IllegalArgumentException(
                    "tollgate.billing: hold-timeout, hold-renewal-interval and hold-sweep-interval are positive");
        }
        // a live call's hold must survive a renewal that is late or fails once
        if (holdRenewalInterval.multipliedBy(2).compareTo(holdTimeout) >= 0) {
            throw new IllegalArgumentException(
                    "tollgate.billing.hold-renewal-interval is less than half of tollgate.billing.hold-timeout");
        }
    }
}
