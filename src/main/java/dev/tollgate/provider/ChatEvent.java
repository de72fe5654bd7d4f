package dev.tollgate.provider;

import dev.tollgate.catalog.TokenCounts;
import org.jspecify.annotations.Nullable;

/**
 * What an upstream streams back, in order: text and tool-call fragments, then exactly one {@link Completed}. Tool
 * calls are numbered from 0 in the order they start; each starts once and then receives argument fragments.
 */
public sealed interface ChatEvent {

    record TextDelta(String text) implements ChatEvent {}

    record ToolCallStarted(int index, String id, String name) implements ChatEvent {}

    record ToolCallArgumentsDelta(int index, String jsonFragment) implements ChatEvent {}

    /** The end of the reply, with the upstream-reported usage for the whole request. */
    record Completed(FinishReason finishReason, @Nullable String stopSequence, TokenCounts usage)
            implements ChatEvent {}
}
