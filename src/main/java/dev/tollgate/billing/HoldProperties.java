package dev.tollgate.billing;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long holds of chat calls and unconfirmed fixed-price charges live ({@code tollgate.billing.*}).
 *
 * @param holdTimeout how long a hold lives unrenewed: the hold of a call whose instance died is released this long after
 *     its last renewal
 * @param holdRenewalInterval how often an instance renews the holds of the calls it is running, all in one statement
 * @param holdSweepInterval how often an instance looks for holds to release and unconfirmed charges to refund
 * @param chargeConfirmTimeout how long a fixed-price charge may wait for its request to confirm it (images stored)
 *     before it is refunded as the charge of a request that died; longer than any image request takes
 */
@ConfigurationProperties("tollgate.billing")
record HoldProperties(
        @DefaultValue("5m") Duration holdTimeout,
        @DefaultValue("30s") Duration holdRenewalInterval,
        @DefaultValue("60s") Duration holdSweepInterval,
        @DefaultValue("30m") Duration chargeConfirmTimeout) {

    HoldProperties {
        if (!holdTimeout.isPositive()
                || !holdRenewalInterval.isPositive()
                || !holdSweepInterval.isPositive()
                || !chargeConfirmTimeout.isPositive()) {
            throw new IllegalArgumentException("tollgate.billing: hold-timeout, hold-renewal-interval,"
                    + " hold-sweep-interval and charge-confirm-timeout are positive");
        }
        // a live call's hold must survive a renewal that is late or fails once
        if (holdRenewalInterval.multipliedBy(2).compareTo(holdTimeout) >= 0) {
            throw new IllegalArgumentException(
                    "tollgate.billing.hold-renewal-interval is less than half of tollgate.billing.hold-timeout");
        }
    }
}
