package dev.tollgate.usage;

import dev.tollgate.account.TeamId;
import dev.tollgate.account.UserId;
import dev.tollgate.apikey.ApiKeyId;
import dev.tollgate.caller.Caller;
import dev.tollgate.catalog.ChatCost;
import dev.tollgate.catalog.ModelId;
import dev.tollgate.catalog.TokenCounts;
import dev.tollgate.money.Credits;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One request as the usage history records it: who made it, what it asked for and where it went, how it ended, what
 * it cost and how long it took. Chat requests carry tokens and cost by line; image and video requests a fixed
 * {@code requestCost}.
 *
 * @param model the catalog model that served the request
 * @param channel the upstream channel that answered, if one did
 * @param createdAt when the request began; {@code latency} runs from there to its end
 * @param requestedModel the id the caller asked for, when it is known; an alias or native id differs from {@code model}
 * @param reasoningTokens how many of {@code tokens.output()} the model spent reasoning, as its upstream reported them;
 *     priced as output, so no cost line of their own
 */
public record UsageRecord(
        Caller caller,
        UsageKind kind,
        ModelId model,
        @Nullable String channel,
        UsageStatus status,
        @Nullable String finishReason,
        @Nullable String error,
        TokenCounts tokens,
        ChatCost tokenCost,
        Credits requestCost,
        Instant createdAt,
        Duration latency,
        @Nullable Duration timeToFirstToken,
        @Nullable ModelId requestedModel,
        long reasoningTokens) {

    /** A request whose asked-for model id is not recorded (images and videos name the model they are served by). */
    public UsageRecord(
            Caller caller,
            UsageKind kind,
            ModelId model,
            @Nullable String channel,
            UsageStatus status,
            @Nullable String finishReason,
            @Nullable String error,
            TokenCounts tokens,
            ChatCost tokenCost,
            Credits requestCost,
            Instant createdAt,
            Duration latency,
            @Nullable Duration timeToFirstToken) {
        this(
                caller,
                kind,
                model,
                channel,
                status,
                finishReason,
                error,
                tokens,
                tokenCost,
                requestCost,
                createdAt,
                latency,
                timeToFirstToken,
                null,
                0);
    }

    public UsageRecord {
        Objects.requireNonNull(caller);
        Objects.requireNonNull(kind);
        Objects.requireNonNull(model);
        Objects.requireNonNull(status);
        Objects.requireNonNull(tokens);
        Objects.requireNonNull(tokenCost);
        Objects.requireNonNull(requestCost);
        Objects.requireNonNull(createdAt);
        Objects.requireNonNull(latency);
        if (reasoningTokens < 0 || reasoningTokens > tokens.output()) {
            throw new IllegalArgumentException("Reasoning tokens are a part of the output tokens, not "
                    + reasoningTokens + " of " + tokens.output());
        }
    }

    /** An image or video request at its fixed price (zero when it failed and was refunded). */
    public static UsageRecord fixedPrice(
            Caller caller,
            UsageKind kind,
            ModelId model,
            @Nullable String channel,
            UsageStatus status,
            Credits cost,
            @Nullable String error,
            Instant createdAt,
            Instant finishedAt) {
        return new UsageRecord(
                caller,
                kind,
                model,
                channel,
                status,
                null,
                error,
                TokenCounts.NONE,
                ChatCost.NONE,
                cost,
                createdAt,
                Duration.between(createdAt, finishedAt),
                null);
    }

    public String requestId() {
        return caller.requestId();
    }

    public TeamId team() {
        return caller.team();
    }

    public @Nullable ApiKeyId apiKey() {
        return caller.key();
    }

    public @Nullable UserId user() {
        return caller.user();
    }

    public Credits totalCost() {
        return tokenCost.total().plus(requestCost);
    }
}
