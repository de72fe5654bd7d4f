package dev.tollgate.gateway.anthropic;

import dev.tollgate.calls.ChatReplyListener;
import dev.tollgate.catalog.TokenCounts;
import dev.tollgate.gateway.wire.SseStream;
import dev.tollgate.provider.ChatEvent;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Streams a reply as Anthropic's named events: {@code message_start} with the prompt usage, one block per thinking
 * run (its {@code thinking_delta}s closed by a {@code signature_delta}), redacted thinking, text run or tool call
 * (start, deltas, stop), {@code message_delta} with the stop reason and cumulative usage, then
 * {@code message_stop}.
 */
final class AnthropicStreamWriter implements ChatReplyListener {

    private final SseStream sse;
    private final String id;
    private final String model;
    private int blockCount;
    private boolean textOpen;
    private boolean thinkingOpen;
    private int openToolBlock = -1;

    AnthropicStreamWriter(SseStream sse, String id, String model) {
        this.sse = sse;
        this.id = id;
        this.model = model;
    }

    @Override
    public void onStart(Supplier<TokenCounts> promptUsage) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("id", id);
        message.put("type", "message");
        message.put("role", "assistant");
        message.put("model", model);
        message.put("content", List.of());
        message.put("stop_reason", null);
        message.put("stop_sequence", null);
        message.put("usage", AnthropicWire.usage(promptUsage.get().withOutput(1)));
        sse.event("message_start", Map.of("type", "message_start", "message", message));
        sse.event("ping", Map.of("type", "ping"));
    }

    @Override
    public void onEvent(ChatEvent event) {
        switch (event) {
            case ChatEvent.TextDelta delta -> {
                if (!textOpen) {
                    closeBlock();
                    textOpen = true;
                    startBlock(Map.of("type", "text", "text", ""));
                }
                delta(Map.of("type", "text_delta", "text", delta.text()));
            }
            case ChatEvent.ThinkingDelta delta -> {
                openThinking();
                delta(Map.of("type", "thinking_delta", "thinking", delta.text()));
            }
            case ChatEvent.ThinkingSigned signed -> {
                openThinking();
                delta(Map.of("type", "signature_delta", "signature", signed.signature()));
                closeBlock();
            }
            case ChatEvent.RedactedThinking redacted -> {
                closeBlock();
                startBlock(Map.of("type", "redacted_thinking", "data", redacted.data()));
                stopBlock();
            }
            case ChatEvent.Relayed _ -> {}
            case ChatEvent.ToolCallStarted started -> {
                closeBlock();
                openToolBlock = started.index();
                startBlock(Map.of("type", "tool_use", "id", started.id(), "name", started.name(), "input", Map.of()));
            }
            case ChatEvent.ToolCallArgumentsDelta delta ->
                delta(Map.of("type", "input_json_delta", "partial_json", delta.jsonFragment()));
            case ChatEvent.Completed completed -> {
                closeBlock();
                Map<String, Object> stop = new HashMap<>();
                stop.put("stop_reason", AnthropicWire.stopReason(completed.finishReason()));
                stop.put("stop_sequence", completed.stopSequence());
                sse.event(
                        "message_delta",
                        Map.of(
                                "type",
                                "message_delta",
                                "delta",
                                stop,
                                "usage",
                                AnthropicWire.usage(completed.usage())));
                sse.event("message_stop", Map.of("type", "message_stop"));
            }
        }
    }

    @Override
    public void flush() {
        sse.flush();
    }

    @Override
    public void onFailure(String message) {
        sse.event(
                "error",
                Map.of(
                        "type",
                        "error",
                        "error",
                        Map.of("type", "api_error", "message", "The upstream model failed mid-reply: " + message)));
    }

    private void startBlock(Map<String, Object> block) {
        sse.event(
                "content_block_start",
                Map.of("type", "content_block_start", "index", blockCount, "content_block", block));
    }

    private void delta(Map<String, Object> delta) {
        sse.event("content_block_delta", Map.of("type", "content_block_delta", "index", blockCount, "delta", delta));
    }

    private void openThinking() {
        if (!thinkingOpen) {
            closeBlock();
            thinkingOpen = true;
            startBlock(Map.of("type", "thinking", "thinking", "", "signature", ""));
        }
    }

    private void closeBlock() {
        if (textOpen || thinkingOpen || openToolBlock >= 0) {
            stopBlock();
            textOpen = false;
            thinkingOpen = false;
            openToolBlock = -1;
        }
    }

    private void stopBlock() {
        sse.event("content_block_stop", Map.of("type", "content_block_stop", "index", blockCount));
        blockCount++;
    }
}
