package dev.tollgate.gateway.wire;

import dev.tollgate.calls.ChatReplyListener;
import dev.tollgate.catalog.TokenCounts;
import dev.tollgate.provider.ChatEvent;
import dev.tollgate.provider.FinishReason;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** A whole reply gathered from the event stream, for non-streaming responses in either dialect. */
public final class CollectedReply implements ChatReplyListener {

    /** A tool call with its arguments assembled from their fragments. */
    public record ToolCall(String id, String name, String arguments) {}

    private final StringBuilder text = new StringBuilder();
    private final List<String> ids = new ArrayList<>();
    private final List<String> names = new ArrayList<>();
    private final List<StringBuilder> arguments = new ArrayList<>();
    private @Nullable FinishReason finishReason;
    private @Nullable String stopSequence;
    private TokenCounts usage = TokenCounts.NONE;

    @Override
    public void onEvent(ChatEvent event) {
        switch (event) {
            case ChatEvent.TextDelta delta -> text.append(delta.text());
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
            }
        }
    }

    @Override
    public boolean deliversIncrementally() {
        return false;
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
}
