package dev.tollgate.billing;

import dev.tollgate.account.TeamId;
import dev.tollgate.money.Credits;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** Credit reserved for one request in flight; settled exactly once. */
public record Hold(UUID id, TeamId team, @Nullable UUID apiKeyId, String requestId, Credits amount) {

    public Hold {
        Objects.requireNonNull(id);
        Objects.requireNonNull(team);
        Objects.requireNonNull(requestId);
        if (!amount.isPositive()) {
            throw new IllegalArgumentException("A hold is a positive amount");
        }
    }
}
