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
 * @param leases whether chat calls reserve from credit leases held in memory (decision 0057) rather than a hold row
 *     each
 * @param leaseIdle how long a lease no call has used is kept before its credit goes back to the team
 * @param leaseCalls how many calls of the size that needed it a lease is granted for when it starts or grows (at most
 *     half of what the team or key has left)
 */
@ConfigurationProperties("tollgate.billing")
record HoldProperties(
        @DefaultValue("5m") Duration holdTimeout,
        @DefaultValue("30s") Duration holdRenewalInterval,
        @DefaultValue("60s") Duration holdSweepInterval,
        @DefaultValue("30m") Duration chargeConfirmTimeout,
        @DefaultValue("true") boolean leases,
        @DefaultValue("2s") Duration leaseIdle,
        @DefaultValue("64") int leaseCalls) {

    HoldProperties {
        if (!holdTimeout.isPositive()
                || !holdRenewalInterval.isPositive()
                || !holdSweepInterval.isPositive()
                || !chargeConfirmTimeout.isPositive()) {
            throw new IllegalArgumentException("tollgate.billing: hold-timeout, hold-renewal-interval,"
                    + " hold-sweep-interval and charge-confirm-timeout are positive");
        }
        if (leaseIdle.isNegative() || leaseCalls < 1) {
            throw new IllegalArgumentException(
                    "tollgate.billing: lease-idle is not negative and lease-calls is at least 1");
        }
        // a live call's hold must survive a renewal that is late or fails once
        if (holdRenewalInterval.multipliedBy(2).compareTo(holdTimeout) >= 0) {
            throw new IllegalArgumentException(
                    "tollgate.billing.hold-renewal-interval is less than half of tollgate.billing.hold-timeout");
        }
    }
}
