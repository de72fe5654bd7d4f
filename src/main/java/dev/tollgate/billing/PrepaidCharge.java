package dev.tollgate.billing;

import dev.tollgate.account.TeamId;
import dev.tollgate.apikey.ApiKeyId;
import dev.tollgate.money.Credits;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A fixed price taken from a team's balance (and counted in its key's spending) when a request was accepted,
 * refundable once if it fails.
 */
public record PrepaidCharge(UUID id, TeamId team, @Nullable ApiKeyId apiKeyId, String requestId, Credits amount) {

    public PrepaidCharge {
        Objects.requireNonNull(id);
        Objects.requireNonNull(team);
        Objects.requireNonNull(requestId);
        Objects.requireNonNull(amount);
    }
}
