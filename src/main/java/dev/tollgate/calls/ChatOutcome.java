package dev.tollgate.calls;

import dev.tollgate.catalog.ChatCost;
import dev.tollgate.catalog.TokenCounts;
import dev.tollgate.money.Credits;
import dev.tollgate.provider.FinishReason;
import dev.tollgate.usage.UsageStatus;
import org.jspecify.annotations.Nullable;

/** How a chat request ended and what it cost. */
public record ChatOutcome(
        String requestId,
        UsageStatus status,
        @Nullable FinishReason finishReason,
        @Nullable String stopSequence,
        TokenCounts usage,
        ChatCost cost,
        Credits charged) {}
