package dev.tollgate.gateway.openai;

import dev.tollgate.calls.ChatReplyListener;
import dev.tollgate.gateway.wire.SseStream;
import dev.tollgate.provider.ChatEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * Streams a reply as OpenAI chunks: the role once, thinking as {@code reasoning_content}, text and tool-call fragments (each call's id and name once), a
 * chunk with the finish reason, the usage chunk when asked for, then {@code [DONE]}, which is what the SDKs'
 * stream helpers need to assemble it. The deltas, nearly every event of a reply, are written by {@link DeltaChunks};
 * the chunks sent once per reply or per tool call are built as maps.
 */
final class OpenAiStreamWriter implements ChatReplyListener {

    private final SseStream sse;
    private final String id;
    private final String model;
    private final long created;
    private final boolean includeUsage;
    private final DeltaChunks deltas;
    private boolean roleSent;

    OpenAiStreamWriter(JsonMapper json, SseStream sse, String id, String model, long created, boolean includeUsage) {
        this.sse = sse;
        this.deltas = new DeltaChunks(json, id, model, created, includeUsage);
        this.id = id;
        this.model = model;
        this.created = created;
        this.includeUsage = includeUsage;
    }

    @Override
    public void onEvent(ChatEvent event) {
        switch (event) {
            case ChatEvent.TextDelta delta -> sse.encodedData(deltas.text("content", delta.text(), firstDelta()));
            case ChatEvent.ThinkingDelta delta ->
                sse.encodedData(deltas.text("reasoning_content", delta.text(), firstDelta()));
            // a signature or an encrypted block has no place in OpenAI's format
            case ChatEvent.ThinkingSigned _, ChatEvent.RedactedThinking _, ChatEvent.Relayed _ -> {}
            case ChatEvent.ToolCallStarted started -> {
                Map<String, Object> call = new LinkedHashMap<>();
                call.put("index", started.index());
                call.put("id", started.id());
                call.put("type", "function");
                call.put("function", Map.of("name", started.name(), "arguments", ""));
                Map<String, Object> delta = new LinkedHashMap<>();
                if (!roleSent) {
                    delta.put("role", "assistant");
                    delta.put("content", null);
                    roleSent = true;
                }
                delta.put("tool_calls", List.of(call));
                chunk(delta, null);
            }
            case ChatEvent.ToolCallArgumentsDelta delta ->
                sse.encodedData(deltas.toolArguments(delta.index(), delta.jsonFragment()));
            case ChatEvent.Completed completed -> {
                chunk(withRole(Map.of()), OpenAiWire.finishReason(completed.finishReason()));
                if (includeUsage) {
                    Map<String, Object> usageChunk = envelope();
                    usageChunk.put("choices", List.of());
                    usageChunk.put("usage", OpenAiWire.usage(completed.usage(), completed.reasoningTokens()));
                    sse.data(usageChunk);
                }
                sse.raw("[DONE]");
            }
        }
    }

    @Override
    public void flush() {
        sse.flush();
    }

    @Override
    public void onFailure(String message) {
        sse.data(Map.of(
                "error",
                new HashMap<>(
                        Map.of("message", "The upstream model failed mid-reply: " + message, "type", "server_error"))));
    }

    /** Whether this delta is the reply's first, which carries the role; it is then sent. */
    private boolean firstDelta() {
        boolean first = !roleSent;
        roleSent = true;
        return first;
    }

    private Map<String, Object> withRole(Map<String, Object> delta) {
        if (roleSent) {
            return delta;
        }
        roleSent = true;
        Map<String, Object> first = new LinkedHashMap<>();
        first.put("role", "assistant");
        first.putAll(delta.isEmpty() ? Map.of("content", "") : delta);
        return first;
    }

    private void chunk(Map<String, Object> delta, String finishReason) {
        Map<String, Object> choice = new HashMap<>();
        choice.put("index", 0);
        choice.put("delta", delta);
        choice.put("logprobs", null);
        choice.put("finish_reason", finishReason);
        Map<String, Object> chunk = envelope();
        chunk.put("choices", new ArrayList<>(List.of(choice)));
        if (includeUsage) {
            chunk.put("usage", null);
        }
        sse.data(chunk);
    }

    private Map<String, Object> envelope() {
        Map<String, Object> chunk = new LinkedHashMap<>();
        chunk.put("id", id);
        chunk.put("object", "chat.completion.chunk");
        chunk.put("created", created);
        chunk.put("model", model);
        return chunk;
    }
}
