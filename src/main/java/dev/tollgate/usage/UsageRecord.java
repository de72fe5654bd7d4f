package dev.tollgate.usage;

import dev.tollgate.account.TeamId;
import dev.tollgate.account.UserId;
import dev.tollgate.apikey.ApiKeyId;
import dev.tollgate.catalog.ChatCost;
import dev.tollgate.catalog.ModelId;
import dev.tollgate.catalog.TokenCounts;
import dev.tollgate.money.Credits;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One request as the usage history records it. Chat requests carry tokens and cost by line; image and video requests
 * a fixed {@code requestCost}.
 */
public record UsageRecord(
        String requestId,
        TeamId team,
        @Nullable ApiKeyId apiKey,
        @Nullable UserId user,
        UsageSource source,
        UsageKind kind,
        ModelId model,
        @Nullable String dialect,
        @Nullable String channel,
        UsageStatus status,
        TokenCounts tokens,
        ChatCost tokenCost,
        Credits requestCost,
        Duration latency,
        @Nullable Duration timeToFirstToken,
        @Nullable String finishReason,
        @Nullable String error,
        Instant createdAt) {

    public UsageRecord {
        Objects.requireNonNull(requestId);
        Objects.requireNonNull(team);
        Objects.requireNonNull(source);
        Objects.requireNonNull(kind);
        Objects.requireNonNull(model);
        Objects.requireNonNull(status);
        Objects.requireNonNull(tokens);
        Objects.requireNonNull(tokenCost);
        Objects.requireNonNull(requestCost);
        Objects.requireNonNull(latency);
        Objects.requireNonNull(createdAt);
    }

    public Credits totalCost() {
        return tokenCost.total().plus(requestCost);
    }
}
