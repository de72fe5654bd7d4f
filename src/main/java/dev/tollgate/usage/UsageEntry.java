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
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One row of a team's usage history, with the key's name and the person's email as they are now.
 *
 * @param model the catalog model that served the request
 * @param requestedModel the id the caller asked for, when recorded; differs from {@code model} for an alias
 * @param session the agent session the request belonged to, if its caller named one
 * @param reasoningTokens how many of the output tokens the model spent reasoning (priced as output)
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
        @Nullable ModelId requestedModel,
        @Nullable String session,
        long reasoningTokens) {

    /** The id the caller asked for when it is not the served model's own (an alias or native id); otherwise empty. */
    public Optional<ModelId> requestedAlias() {
        return requestedModel == null || requestedModel.equals(model) ? Optional.empty() : Optional.of(requestedModel);
    }

    /** The cursor that asks for the rows after this one. */
    public UsageCursor cursor() {
        return new UsageCursor(createdAt, id);
    }
}
