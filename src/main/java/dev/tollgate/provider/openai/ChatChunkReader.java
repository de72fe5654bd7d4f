package dev.tollgate.provider.openai;

import dev.tollgate.catalog.TokenCounts;
import dev.tollgate.provider.ChatEvent;
import dev.tollgate.provider.FinishReason;
import dev.tollgate.provider.UpstreamException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Reads {@code chat.completion.chunk}s, as their {@link ChunkParts}, into {@link ChatEvent}s: reasoning and text
 * deltas, tool calls numbered in the order they start, and, once the stream is over, the one
 * {@link ChatEvent.Completed} with the finish reason and the reported usage (which arrives after the finish reason, in
 * a chunk of its own).
 */
final class ChatChunkReader {

    private final List<String> stopSequences;
    private final Map<Integer, ToolCallAssembly> toolCalls = new HashMap<>();
    private int started;
    private int lastUpstreamIndex = -1;
    private @Nullable String finishReason;
    private @Nullable String stopReason;
    private volatile @Nullable TokenCounts usage;
    private long reasoningTokens;

    ChatChunkReader(List<String> stopSequences) {
        this.stopSequences = stopSequences;
    }

    /**
     * The events one chunk carries.
     *
     * @throws UpstreamException when the chunk is an error
     */
    List<ChatEvent> read(ChunkParts chunk, boolean outputStarted) {
        JsonNode error = chunk.error();
        if (error != null) {
            throw StreamFailure.of(error, outputStarted);
        }
        JsonNode reported = chunk.usage();
        if (reported != null && reported.isObject()) {
            usage = ReportedUsage.of(reported);
            reasoningTokens = ReportedUsage.reasoningTokens(reported);
        }
        List<ChatEvent> events = new ArrayList<>(1);
        // reasoning_content (DeepSeek, vLLM) or reasoning (OpenRouter, Ollama, newer vLLM): where OpenAI-compatible
        // servers stream a reasoning model's thinking
        String reasoning = chunk.reasoningContent().isEmpty() ? chunk.reasoning() : chunk.reasoningContent();
        if (!reasoning.isEmpty()) {
            events.add(new ChatEvent.ThinkingDelta(reasoning));
        }
        if (!chunk.content().isEmpty()) {
            events.add(new ChatEvent.TextDelta(chunk.content()));
        }
        JsonNode fragments = chunk.toolCalls();
        if (fragments != null) {
            for (JsonNode fragment : fragments) {
                readToolCall(fragment, events);
            }
        }
        if (!chunk.finishReason().isEmpty()) {
            finishReason = chunk.finishReason();
            // vLLM and a few others name the stop string that ended the reply
            stopReason = chunk.stopReason();
        }
        return events;
    }

    /**
     * The closing event, with the reported usage or, when the upstream reported none, the {@code estimate}, asked for
     * only then.
     *
     * @param sawDone whether the stream ended with {@code [DONE]} rather than just stopping
     * @throws UpstreamException when the stream broke off before the reply finished
     */
    ChatEvent.Completed complete(boolean sawDone, Supplier<TokenCounts> estimate, boolean outputStarted) {
        if (finishReason == null && !sawDone) {
            throw new UpstreamException("The upstream's stream ended before the reply finished", !outputStarted);
        }
        for (ToolCallAssembly call : toolCalls.values()) {
            if (!call.started()) {
                throw new UpstreamException("The upstream streamed a tool call without a name", !outputStarted);
            }
        }
        FinishReason reason = finishReasonOf(finishReason == null ? "stop" : finishReason);
        String sequence = reason == FinishReason.STOP_SEQUENCE ? stopReason : null;
        return usage != null
                ? new ChatEvent.Completed(reason, sequence, usage, reasoningTokens)
                : new ChatEvent.Completed(reason, sequence, estimate.get());
    }

    /** The usage the upstream reported, once it has. */
    @Nullable
    TokenCounts reportedUsage() {
        return usage;
    }

    private FinishReason finishReasonOf(String reason) {
        return switch (reason) {
            case "length" -> FinishReason.MAX_TOKENS;
            case "tool_calls", "function_call" -> FinishReason.TOOL_USE;
            // some servers say "stop" after a tool call; the calls are what the caller must act on
            default -> {
                if (started > 0) {
                    yield FinishReason.TOOL_USE;
                }
                yield "stop".equals(reason) && stopReason != null && stopSequences.contains(stopReason)
                        ? FinishReason.STOP_SEQUENCE
                        : FinishReason.END_TURN;
            }
        };
    }

    private void readToolCall(JsonNode fragment, List<ChatEvent> events) {
        JsonNode function = fragment.path("function");
        String id = fragment.path("id").asString("");
        String name = function.path("name").asString("");
        String arguments = function.path("arguments").asString("");
        int upstreamIndex = upstreamIndexOf(fragment, !id.isEmpty() || !name.isEmpty());
        ToolCallAssembly call = toolCalls.computeIfAbsent(upstreamIndex, i -> new ToolCallAssembly());
        call.learn(id, name);
        if (!call.started() && call.name != null) {
            call.index = started++;
            String callId = call.id != null
                    ? call.id
                    : "call_" + UUID.randomUUID().toString().replace("-", "");
            events.add(new ChatEvent.ToolCallStarted(call.index, callId, call.name));
            if (!call.pendingArguments.isEmpty()) {
                events.add(new ChatEvent.ToolCallArgumentsDelta(call.index, call.pendingArguments.toString()));
                call.pendingArguments.setLength(0);
            }
        }
        if (!arguments.isEmpty()) {
            if (call.started()) {
                events.add(new ChatEvent.ToolCallArgumentsDelta(call.index, arguments));
            } else {
                call.pendingArguments.append(arguments);
            }
        }
    }

    /** The fragment's {@code index}; servers that leave it out start a call with each named fragment. */
    private int upstreamIndexOf(JsonNode fragment, boolean identifies) {
        JsonNode index = fragment.get("index");
        if (index != null && index.isIntegralNumber()) {
            lastUpstreamIndex = index.asInt();
        } else if (identifies || lastUpstreamIndex < 0) {
            lastUpstreamIndex = toolCalls.keySet().stream()
                            .mapToInt(Integer::intValue)
                            .max()
                            .orElse(-1)
                    + 1;
        }
        return lastUpstreamIndex;
    }

    /** One tool call being streamed: its id and name arrive with its first fragment, or, on some servers, later. */
    private static final class ToolCallAssembly {

        private @Nullable String id;
        private @Nullable String name;
        private int index = -1;
        private final StringBuilder pendingArguments = new StringBuilder();

        void learn(String newId, String newName) {
            if (id == null && !newId.isEmpty()) {
                id = newId;
            }
            if (name == null && !newName.isEmpty()) {
                name = newName;
            }
        }

        boolean started() {
            return index >= 0;
        }
    }
}
