package dev.tollgate.usage;

import dev.tollgate.account.UserId;
import dev.tollgate.apikey.ApiKeyId;
import dev.tollgate.caller.CallSource;
import dev.tollgate.catalog.ChatCost;
import dev.tollgate.catalog.ModelId;
import dev.tollgate.catalog.TokenCounts;
import dev.tollgate.money.Credits;
import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One row of a team's usage history, with the key's name and the person's email as they are now.
 *
 * @param session the agent session the request belonged to, if its caller named one
 */
public record UsageEntry(
        long id,
        Instant createdAt,
        String requestId,
        @Nullable ApiKeyId apiKey,
        @Nullable String apiKeyName,
        @Nullable UserId user,
        @Nullable String userEmail,
        CallSource source,
        ModelId model,
        UsageKind kind,
        @Nullable String dialect,
        @Nullable String channel,
        UsageStatus status,
        TokenCounts tokens,
        ChatCost tokenCost,
        Credits requestCost,
        Credits totalCost,
        Duration latency,
        @Nullable Duration timeToFirstToken,
        @Nullable String finishReason,
        @Nullable String error,
        @Nullable String session) {

    /** The cursor that asks for the rows after this one. */
    public UsageCursor cursor() {
        return new UsageCursor(createdAt, id);
    }
}
