package dev.tollgate.billing;

import dev.tollgate.account.TeamId;
import dev.tollgate.money.Credits;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A fixed price taken from a team's balance when a request was accepted, refundable once if it fails. */
public record PrepaidCharge(UUID id, TeamId team, @Nullable UUID apiKeyId, String requestId, Credits amount) {

    public PrepaidCharge {
        Objects.requireNonNull(id);
        Objects.requireNonNull(team);
        Objects.requireNonNull(requestId);
        Objects.requireNonNull(amount);
    }
}
