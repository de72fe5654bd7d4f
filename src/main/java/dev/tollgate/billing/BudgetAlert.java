package dev.tollgate.billing;

import dev.tollgate.apikey.ApiKeyId;
import dev.tollgate.money.Credits;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A recorded budget crossing as the portal lists it; {@code readAt} is when the team marked it read, if it has. */
public record BudgetAlert(
        UUID id,
        ApiKeyId key,
        String keyName,
        BudgetThreshold threshold,
        Credits budget,
        Credits spent,
        Instant at,
        @Nullable Instant readAt) {

    public boolean isRead() {
        return readAt != null;
    }
}
