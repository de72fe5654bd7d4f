package dev.tollgate.calls;

import dev.tollgate.caller.Dialect;
import dev.tollgate.catalog.ModelId;
import dev.tollgate.catalog.TokenCounts;
import dev.tollgate.catalog.TokenPricing;
import dev.tollgate.money.Credits;
import dev.tollgate.provider.ChatEvent;
import dev.tollgate.provider.FinishReason;
import dev.tollgate.usage.UsageStatus;
import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** What the pipeline learns about one reply while it streams. */
final class Metering {

    private final Instant started;
    private final ModelId requested;
    private @Nullable Instant firstOutput;
    private TokenCounts usage = TokenCounts.NONE;
    private long reasoningTokens;
    private UsageStatus status = UsageStatus.FAILED;
    private @Nullable FinishReason finishReason;
    private @Nullable String stopSequence;
    private @Nullable String error;
    private Credits charged = Credits.ZERO;
    private @Nullable String channel;
    private @Nullable ModelId model;

    /** @param requested the model id the caller asked for, which may be an alias of the model that serves it */
    Metering(Instant started, ModelId requested) {
        this.started = started;
        this.requested = requested;
    }

    ModelId requested() {
        return requested;
    }

    void observe(ChatEvent event, Instant now) {
        if (firstOutput == null && !(event instanceof ChatEvent.Completed)) {
            firstOutput = now;
        }
        if (event instanceof ChatEvent.Completed completed) {
            finishReason = completed.finishReason();
            stopSequence = completed.stopSequence();
            usage = completed.usage();
            reasoningTokens = completed.reasoningTokens();
        }
    }

    void succeeded(TokenCounts soFar) {
        status = finishReason == null ? UsageStatus.FAILED : UsageStatus.SUCCEEDED;
        if (finishReason == null) {
            usage = soFar;
            error = "The upstream ended the reply without finishing it";
        }
    }

    void cancelled(TokenCounts soFar) {
        status = UsageStatus.CANCELLED;
        usage = soFar;
    }

    void failed(TokenCounts soFar, Throwable failure, boolean outputDelivered) {
        status = UsageStatus.FAILED;
        // nothing delivered means nothing to pay for: the prompt of a failed call is not charged
        usage = firstOutput != null && outputDelivered ? soFar : TokenCounts.NONE;
        error = failure.getMessage();
    }

    boolean hasOutput() {
        return firstOutput != null;
    }

    /** The catalog model serving the call, once the call named one the caller may use. */
    void model(ModelId served) {
        model = served;
    }

    void servedBy(String channelName) {
        channel = channelName;
    }

    @Nullable
    String channel() {
        return channel;
    }

    void charged(Credits amount) {
        charged = amount;
    }

    Instant started() {
        return started;
    }

    TokenCounts usage() {
        return usage;
    }

    /**
     * The output tokens the upstream reported as reasoning. A reply cut off before its end has no such report; its
     * output, counted by the gateway, is then all output and none of it reasoning.
     */
    long reasoningTokens() {
        return Math.min(reasoningTokens, usage.output());
    }

    UsageStatus status() {
        return status;
    }

    @Nullable
    FinishReason finishReason() {
        return finishReason;
    }

    @Nullable
    String error() {
        return error;
    }

    @Nullable
    Duration timeToFirstToken() {
        return firstOutput == null ? null : Duration.between(started, firstOutput);
    }

    /** The call's end as metrics and traces see it, whatever {@code outcome} it had. */
    ChatCallFinished finished(@Nullable Dialect dialect, CallOutcome outcome, Instant now) {
        return new ChatCallFinished(
                model,
                requested,
                channel,
                dialect,
                outcome,
                started,
                Duration.between(started, now),
                timeToFirstToken(),
                usage,
                charged);
    }

    ChatOutcome outcome(String requestId, TokenPricing pricing) {
        return new ChatOutcome(requestId, status, finishReason, stopSequence, usage, pricing.costOf(usage), charged);
    }
}
