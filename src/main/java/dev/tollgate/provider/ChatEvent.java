package dev.tollgate.provider;

import dev.tollgate.catalog.TokenCounts;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/**
 * What an upstream streams back, in order: thinking, text and tool-call fragments, then exactly one {@link Completed}.
 * Tool calls are numbered from 0 in the order they start; each starts once and then receives argument fragments. A
 * thinking block is its {@link ThinkingDelta}s closed by one {@link ThinkingSigned}; a redacted one is a single
 * {@link RedactedThinking}.
 */
public sealed interface ChatEvent {

    record TextDelta(String text) implements ChatEvent {}

    /** A fragment of the model's readable thinking. */
    record ThinkingDelta(String text) implements ChatEvent {}

    /** The signature that vouches for the thinking streamed since the last one, which ends that thinking block. */
    record ThinkingSigned(String signature) implements ChatEvent {}

    /** A thinking block the provider encrypted: {@code data} goes back to it as it came. */
    record RedactedThinking(String data) implements ChatEvent {}

    /**
     * An event of an upstream that speaks the caller's own wire format (the Responses API), to be relayed to that caller
     * as it came, ids aside. The canonical events it implies follow it, for metering and for listeners of other
     * formats, which ignore this one.
     *
     * @param event the event's JSON, with its {@code type}
     */
    record Relayed(ObjectNode event) implements ChatEvent {}

    record ToolCallStarted(int index, String id, String name) implements ChatEvent {}

    record ToolCallArgumentsDelta(int index, String jsonFragment) implements ChatEvent {}

    /**
     * The end of the reply, with the upstream-reported usage for the whole request.
     *
     * @param reasoningTokens how many of the output tokens were reasoning (already counted in {@code usage.output})
     */
    record Completed(FinishReason finishReason, @Nullable String stopSequence, TokenCounts usage, long reasoningTokens)
            implements ChatEvent {

        public Completed {
            // an upstream's count is believed only as far as it can be true
            reasoningTokens = Math.clamp(reasoningTokens, 0, usage.output());
        }

        public Completed(FinishReason finishReason, @Nullable String stopSequence, TokenCounts usage) {
            this(finishReason, stopSequence, usage, 0);
        }
    }
}
