package dev.tollgate.billing;

import dev.tollgate.account.TeamId;
import dev.tollgate.apikey.ApiKeyId;
import dev.tollgate.money.Credits;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Credit reserved for one request in flight, from its team's balance and, when its key has a budget, from that budget
 * too; settled exactly once.
 *
 * @param holdsKeyBudget whether the hold reserved its amount of the key's budget as well
 * @param lease the credit lease the amount was reserved from in memory, or null when the hold is a row of its own
 */
public record Hold(
        UUID id,
        TeamId team,
        @Nullable ApiKeyId apiKeyId,
        String requestId,
        Credits amount,
        boolean holdsKeyBudget,
        @Nullable UUID lease) {

    public Hold {
        Objects.requireNonNull(id);
        Objects.requireNonNull(team);
        Objects.requireNonNull(requestId);
        if (!amount.isPositive()) {
            throw new IllegalArgumentException("A hold is a positive amount");
        }
        if (holdsKeyBudget && apiKeyId == null) {
            throw new IllegalArgumentException("Only a hold made with a key holds a key budget");
        }
    }

    /** What ending this hold frees of its key's budget. */
    Credits keyReservation() {
        return holdsKeyBudget ? amount : Credits.ZERO;
    }

    /**
     * What settling this hold for {@code charge} takes off the team's held credit: the whole hold, or just the charge
     * when it comes out of a lease, which keeps the rest for its other calls.
     */
    Credits heldTaken(Credits charge) {
        return lease == null ? amount : charge;
    }

    /** What settling this hold for {@code charge} frees of its key's reservation, as {@link #heldTaken} does. */
    Credits keyReservationTaken(Credits charge) {
        return holdsKeyBudget ? heldTaken(charge) : Credits.ZERO;
    }
}
