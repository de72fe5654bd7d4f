package dev.tollgate.gateway.wire;

import dev.tollgate.calls.ChatReplyListener;
import dev.tollgate.catalog.TokenCounts;
import dev.tollgate.provider.ChatEvent;
import dev.tollgate.provider.FinishReason;
import dev.tollgate.provider.ThinkingPart;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** A whole reply gathered from the event stream, for non-streaming responses in either dialect. */
public final class CollectedReply implements ChatReplyListener {

    /** A tool call with its arguments assembled from their fragments. */
    public record ToolCall(String id, String name, String arguments) {}

    private final List<ThinkingPart> thinking = new ArrayList<>();
    private final StringBuilder openThinking = new StringBuilder();
    private final StringBuilder text = new StringBuilder();
    private final List<String> ids = new ArrayList<>();
    private final List<String> names = new ArrayList<>();
    private final List<StringBuilder> arguments = new ArrayList<>();
    private @Nullable FinishReason finishReason;
    private @Nullable String stopSequence;
    private TokenCounts usage = TokenCounts.NONE;
    private long reasoningTokens;

    @Override
    public void onEvent(ChatEvent event) {
        switch (event) {
            case ChatEvent.TextDelta delta -> text.append(delta.text());
            case ChatEvent.ThinkingDelta delta -> openThinking.append(delta.text());
            case ChatEvent.ThinkingSigned signed -> {
                thinking.add(ThinkingPart.readable(openThinking.toString(), signed.signature()));
                openThinking.setLength(0);
            }
            case ChatEvent.RedactedThinking redacted -> thinking.add(ThinkingPart.redacted(redacted.data()));
            case ChatEvent.Relayed _ -> {}
            case ChatEvent.ToolCallStarted started -> {
                ids.add(started.id());
                names.add(started.name());
                arguments.add(new StringBuilder());
            }
            case ChatEvent.ToolCallArgumentsDelta delta ->
                arguments.get(delta.index()).append(delta.jsonFragment());
            case ChatEvent.Completed completed -> {
                finishReason = completed.finishReason();
                stopSequence = completed.stopSequence();
                usage = completed.usage();
                reasoningTokens = completed.reasoningTokens();
                if (!openThinking.isEmpty()) {
                    // thinking an upstream never signed (OpenAI-compatible reasoning) is kept all the same
                    thinking.add(ThinkingPart.readable(openThinking.toString(), ""));
                    openThinking.setLength(0);
                }
            }
        }
    }

    @Override
    public boolean deliversIncrementally() {
        return false;
    }

    /** The thinking blocks, in the order they came, each with its signature ({@code ""} when the upstream gave none). */
    public List<ThinkingPart> thinking() {
        return List.copyOf(thinking);
    }

    public String text() {
        return text.toString();
    }

    public List<ToolCall> toolCalls() {
        List<ToolCall> calls = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            String args = arguments.get(i).toString();
            calls.add(new ToolCall(ids.get(i), names.get(i), args.isEmpty() ? "{}" : args));
        }
        return calls;
    }

    public FinishReason finishReason() {
        return finishReason == null ? FinishReason.END_TURN : finishReason;
    }

    public @Nullable String stopSequence() {
        return stopSequence;
    }

    public TokenCounts usage() {
        return usage;
    }

    /** How many of the output tokens were reasoning, as the upstream reported. */
    public long reasoningTokens() {
        return reasoningTokens;
    }
}
