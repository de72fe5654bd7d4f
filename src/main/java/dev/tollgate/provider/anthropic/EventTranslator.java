package dev.tollgate.provider.anthropic;

import dev.tollgate.catalog.TokenCounts;
import dev.tollgate.provider.ChatEvent;
import dev.tollgate.provider.FinishReason;
import dev.tollgate.provider.UpstreamException;
import dev.tollgate.provider.http.ServerSentEvents;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads Anthropic's stream events one at a time into the gateway's events. Content blocks are indexed by position
 * among all blocks; tool calls are numbered among tool calls only, so a text block before a tool call does not shift
 * it. Thinking blocks pass on with their signatures and redacted thinking with its data; blocks the gateway does not
 * pass on (server tools) are skipped with their deltas.
 */
final class EventTranslator {

    private final JsonMapper json;
    /** Content block index → tool call number, for the tool_use blocks started so far. */
    private final Map<Integer, Integer> toolCalls = new HashMap<>();

    private volatile @Nullable UsageReport usage;
    private FinishReason finishReason = FinishReason.END_TURN;
    private @Nullable String stopSequence;
    private boolean completed;

    EventTranslator(JsonMapper json) {
        this.json = json;
    }

    /**
     * The gateway event this stream event makes, or null when it makes none.
     *
     * @param outputBegun whether content was already passed on, which makes an error event final
     * @throws UpstreamException for an {@code error} event or an event that is not JSON
     */
    @Nullable
    ChatEvent translate(ServerSentEvents.Event event, boolean outputBegun) {
        return switch (event.name()) {
            case "message_start" -> {
                usage = UsageReport.started(parse(event).path("message").path("usage"));
                yield null;
            }
            case "content_block_start" -> blockStarted(parse(event));
            case "content_block_delta" -> blockDelta(parse(event));
            case "message_delta" -> {
                messageDelta(parse(event));
                yield null;
            }
            case "message_stop" -> {
                completed = true;
                UsageReport report = usage;
                yield new ChatEvent.Completed(
                        finishReason, stopSequence, report == null ? TokenCounts.NONE : report.counts());
            }
            case "error" -> throw StreamErrors.of(parse(event), outputBegun);
            // ping, content_block_stop, and event types newer than this adapter
            default -> null;
        };
    }

    /** True once {@code message_stop} arrived: the reply is whole. */
    boolean completed() {
        return completed;
    }

    /** What the upstream reported so far, or null before {@code message_start}; safe to read from any thread. */
    @Nullable
    UsageReport usage() {
        return usage;
    }

    private @Nullable ChatEvent blockStarted(JsonNode event) {
        JsonNode block = event.path("content_block");
        return switch (block.path("type").asString("")) {
            case "tool_use" -> {
                int number = toolCalls.size();
                toolCalls.put(event.path("index").asInt(), number);
                yield new ChatEvent.ToolCallStarted(
                        number,
                        block.path("id").asString(""),
                        block.path("name").asString(""));
            }
            case "text" -> textDelta(block.path("text").asString(""));
            case "thinking" -> thinkingDelta(block.path("thinking").asString(""));
            case "redacted_thinking" ->
                new ChatEvent.RedactedThinking(block.path("data").asString(""));
            default -> null;
        };
    }

    private @Nullable ChatEvent blockDelta(JsonNode event) {
        JsonNode delta = event.path("delta");
        return switch (delta.path("type").asString("")) {
            case "text_delta" -> textDelta(delta.path("text").asString(""));
            case "input_json_delta" -> {
                Integer number = toolCalls.get(event.path("index").asInt());
                String fragment = delta.path("partial_json").asString("");
                // Anthropic opens every tool call with an empty fragment; server tools' inputs are not ours
                yield number == null || fragment.isEmpty()
                        ? null
                        : new ChatEvent.ToolCallArgumentsDelta(number, fragment);
            }
            case "thinking_delta" -> thinkingDelta(delta.path("thinking").asString(""));
            case "signature_delta" ->
                new ChatEvent.ThinkingSigned(delta.path("signature").asString(""));
            // citations_delta, and delta types newer than this adapter
            default -> null;
        };
    }

    private void messageDelta(JsonNode event) {
        JsonNode delta = event.path("delta");
        finishReason = StopReasons.finishReason(textOrNull(delta.path("stop_reason")));
        stopSequence = finishReason == FinishReason.STOP_SEQUENCE ? textOrNull(delta.path("stop_sequence")) : null;
        JsonNode reported = event.path("usage");
        if (reported.isObject()) {
            UsageReport current = usage;
            usage = current == null
                    ? UsageReport.started(json.createObjectNode()).updated(reported)
                    : current.updated(reported);
        }
    }

    private static @Nullable ChatEvent textDelta(String text) {
        return text.isEmpty() ? null : new ChatEvent.TextDelta(text);
    }

    private static @Nullable ChatEvent thinkingDelta(String thinking) {
        return thinking.isEmpty() ? null : new ChatEvent.ThinkingDelta(thinking);
    }

    private static @Nullable String textOrNull(JsonNode value) {
        return value.isString() ? value.asString() : null;
    }

    private JsonNode parse(ServerSentEvents.Event event) {
        try {
            return json.readTree(event.data());
        } catch (JacksonException e) {
            throw new UpstreamException("The upstream sent a " + event.name() + " event that is not JSON", true, e);
        }
    }
}
