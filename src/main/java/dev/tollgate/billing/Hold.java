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
 */
public record Hold(
        UUID id, TeamId team, @Nullable ApiKeyId apiKeyId, String requestId, Credits amount, boolean holdsKeyBudget) {

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
}
