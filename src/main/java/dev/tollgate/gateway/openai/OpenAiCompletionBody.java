package dev.tollgate.gateway.openai;

import dev.tollgate.gateway.wire.CollectedReply;
import dev.tollgate.provider.ThinkingPart;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A whole reply as OpenAI's {@code chat.completion} object, with every field the Java SDK requires. */
final class OpenAiCompletionBody {

    private OpenAiCompletionBody() {}

    static Map<String, Object> of(String id, String model, long created, CollectedReply reply) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("role", "assistant");
        List<CollectedReply.ToolCall> calls = reply.toolCalls();
        message.put("content", calls.isEmpty() || !reply.text().isEmpty() ? reply.text() : null);
        message.put("refusal", null);
        String reasoning = reasoningOf(reply);
        if (!reasoning.isEmpty()) {
            message.put("reasoning_content", reasoning);
        }
        if (!calls.isEmpty()) {
            List<Map<String, Object>> toolCalls = new ArrayList<>();
            for (CollectedReply.ToolCall call : calls) {
                toolCalls.add(Map.of(
                        "id", call.id(),
                        "type", "function",
                        "function", Map.of("name", call.name(), "arguments", call.arguments())));
            }
            message.put("tool_calls", toolCalls);
        }
        Map<String, Object> choice = new HashMap<>();
        choice.put("index", 0);
        choice.put("message", message);
        choice.put("logprobs", null);
        choice.put("finish_reason", OpenAiWire.finishReason(reply.finishReason()));

        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", id);
        body.put("object", "chat.completion");
        body.put("created", created);
        body.put("model", model);
        body.put("choices", List.of(choice));
        body.put("usage", OpenAiWire.usage(reply.usage(), reply.reasoningTokens()));
        return body;
    }

    /**
     * The readable thinking, as the {@code reasoning_content} that DeepSeek, vLLM and OpenRouter return; OpenAI's API
     * has no field of its own for it. Signatures and redacted blocks have no place there and stay behind.
     */
    private static String reasoningOf(CollectedReply reply) {
        StringBuilder reasoning = new StringBuilder();
        for (ThinkingPart thinking : reply.thinking()) {
            if (!thinking.redacted()) {
                reasoning.append(thinking.text());
            }
        }
        return reasoning.toString();
    }
}
