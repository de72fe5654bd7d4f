package dev.tollgate.provider.openai;

import dev.tollgate.catalog.TokenCounts;
import dev.tollgate.provider.ChatEvent;
import dev.tollgate.provider.FinishReason;
import dev.tollgate.provider.UpstreamException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads the events of a Responses API stream into {@link ChatEvent}s: each event as it came ({@link
 * ChatEvent.Relayed}), then what it means in the gateway's terms, for metering and for the reply's end. Text and
 * reasoning summary deltas become text and thinking, function calls are numbered in the order they start, and the
 * terminal {@code response.completed} or {@code response.incomplete} becomes the one {@link ChatEvent.Completed}, with
 * the usage inside it.
 */
final class ResponsesEventReader {

    private final Map<String, FunctionCall> calls = new HashMap<>();
    private int started;
    private @Nullable FinishReason finishReason;
    private volatile @Nullable TokenCounts usage;
    private long reasoningTokens;

    /**
     * The events one upstream event carries.
     *
     * @throws UpstreamException when the event reports a failure
     */
    List<ChatEvent> read(ObjectNode event, boolean outputStarted) {
        String type = event.path("type").asString("");
        List<ChatEvent> events = new ArrayList<>();
        switch (type) {
            case "response.failed" -> throw ResponsesFailure.failed(event, outputStarted);
            case "error" -> throw ResponsesFailure.of(event, outputStarted);
            case "" -> {
                // a server that answers an OpenAI error object inside the stream, as some chat servers do
                JsonNode error = event.get("error");
                if (error != null && error.isObject()) {
                    throw StreamFailure.of(error, outputStarted);
                }
                return events;
            }
            default -> events.add(new ChatEvent.Relayed(event));
        }
        switch (type) {
            case "response.output_text.delta" -> text(event.path("delta"), events);
            case "response.reasoning_summary_text.delta", "response.reasoning_text.delta" -> {
                String delta = event.path("delta").asString("");
                if (!delta.isEmpty()) {
                    events.add(new ChatEvent.ThinkingDelta(delta));
                }
            }
            case "response.output_item.added" -> startCall(event, event.path("item"), events);
            case "response.function_call_arguments.delta" -> arguments(event, event.path("delta"), events);
            case "response.function_call_arguments.done" -> argumentsOnce(event, event.path("arguments"), events);
            case "response.output_item.done" -> {
                // servers that send a call whole, without the added event or the deltas, still get it counted
                startCall(event, event.path("item"), events);
                argumentsOnce(event, event.path("item").path("arguments"), events);
            }
            case "response.completed", "response.incomplete" -> finish(event.path("response"));
            default -> {}
        }
        return events;
    }

    /** Whether the terminal event ({@code response.completed} or {@code response.incomplete}) has been read. */
    boolean finished() {
        return finishReason != null;
    }

    /**
     * The closing event, with the reported usage or, when the upstream reported none, the {@code estimate}, asked for
     * only then.
     *
     * @throws UpstreamException when the stream broke off before its terminal event
     */
    ChatEvent.Completed complete(Supplier<TokenCounts> estimate, boolean outputStarted) {
        FinishReason reason = finishReason;
        if (reason == null) {
            throw new UpstreamException("The upstream's stream ended before the reply finished", !outputStarted);
        }
        TokenCounts reported = usage;
        return reported != null
                ? new ChatEvent.Completed(reason, null, reported, reasoningTokens)
                : new ChatEvent.Completed(reason, null, estimate.get());
    }

    /** The usage the upstream reported, once it has. */
    @Nullable
    TokenCounts reportedUsage() {
        return usage;
    }

    private static void text(JsonNode delta, List<ChatEvent> events) {
        String text = delta.asString("");
        if (!text.isEmpty()) {
            events.add(new ChatEvent.TextDelta(text));
        }
    }

    private void startCall(JsonNode event, JsonNode item, List<ChatEvent> events) {
        if (!"function_call".equals(item.path("type").asString("")) || callOf(event, item) != null) {
            return;
        }
        FunctionCall call = new FunctionCall(started++);
        calls.put(outputKey(event), call);
        String itemId = item.path("id").asString("");
        if (!itemId.isEmpty()) {
            calls.put(itemKey(itemId), call);
        }
        events.add(new ChatEvent.ToolCallStarted(
                call.index,
                item.path("call_id").asString(itemId),
                item.path("name").asString("")));
    }

    private void arguments(JsonNode event, JsonNode delta, List<ChatEvent> events) {
        FunctionCall call = callOf(event, null);
        String fragment = delta.asString("");
        if (call != null && !fragment.isEmpty()) {
            call.streamed = true;
            events.add(new ChatEvent.ToolCallArgumentsDelta(call.index, fragment));
        }
    }

    /** Arguments given whole, sent on only when none were streamed in pieces. */
    private void argumentsOnce(JsonNode event, JsonNode arguments, List<ChatEvent> events) {
        FunctionCall call = callOf(event, event.path("item"));
        if (call != null && !call.streamed) {
            arguments(event, arguments, events);
        }
    }

    private @Nullable FunctionCall callOf(JsonNode event, @Nullable JsonNode item) {
        String itemId = event.path("item_id")
                .asString(item == null ? "" : item.path("id").asString(""));
        FunctionCall byId = itemId.isEmpty() ? null : calls.get(itemKey(itemId));
        return byId != null ? byId : calls.get(outputKey(event));
    }

    private static String outputKey(JsonNode event) {
        return "output " + event.path("output_index").asInt(-1);
    }

    private static String itemKey(String itemId) {
        return "item " + itemId;
    }

    private void finish(JsonNode response) {
        boolean toolCalls = started > 0;
        for (JsonNode item : response.path("output")) {
            toolCalls |= "function_call".equals(item.path("type").asString(""));
        }
        String incompleteBecause =
                response.path("incomplete_details").path("reason").asString("");
        if (toolCalls) {
            finishReason = FinishReason.TOOL_USE;
        } else if (incompleteBecause.equals("max_output_tokens")) {
            finishReason = FinishReason.MAX_TOKENS;
        } else {
            finishReason = FinishReason.END_TURN;
        }
        JsonNode reported = response.get("usage");
        if (reported != null && (reported.has("input_tokens") || reported.has("output_tokens"))) {
            reasoningTokens = ReportedUsage.responsesReasoningTokens(reported);
            usage = ReportedUsage.ofResponses(reported);
        }
    }

    /** One function call: its number among the reply's calls, and whether its arguments came in pieces. */
    private static final class FunctionCall {

        private final int index;
        private boolean streamed;

        FunctionCall(int index) {
            this.index = index;
        }
    }
}
