package dev.tollgate.apikey;

import dev.tollgate.account.TeamId;
import dev.tollgate.catalog.ModelId;
import java.time.Instant;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** A key as lists show it: never the secret, only its last four characters. */
public record ApiKeyView(
        ApiKeyId id,
        TeamId teamId,
        String name,
        String lastFour,
        Instant createdAt,
        @Nullable Instant lastUsedAt,
        @Nullable Instant expiresAt,
        Set<ModelId> allowedModels,
        @Nullable Integer requestsPerMinute,
        @Nullable Instant revokedAt,
        ApiKeyStatus status) {

    public String maskedKey() {
        return PlaintextKey.PREFIX + "…" + lastFour;
    }

    /** True when every model may be used with this key. */
    public boolean allowsAllModels() {
        return allowedModels.isEmpty();
    }
}
