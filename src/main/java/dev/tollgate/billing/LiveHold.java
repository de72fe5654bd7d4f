package dev.tollgate.billing;

import java.util.UUID;

/** A hold this instance keeps renewing while its call runs; closing it stops the renewals. */
public final class LiveHold implements AutoCloseable {

    private final UUID holdId;
    private final HoldRenewals renewals;

    LiveHold(UUID holdId, HoldRenewals renewals) {
        this.holdId = holdId;
        this.renewals = renewals;
    }

    @Override
    public void close() {
        renewals.forget(holdId);
    }
}
