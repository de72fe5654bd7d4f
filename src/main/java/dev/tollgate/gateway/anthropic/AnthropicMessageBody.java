package dev.tollgate.gateway.anthropic;

import dev.tollgate.gateway.wire.CollectedReply;
import dev.tollgate.provider.ThinkingPart;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A whole reply as Anthropic's {@code message} object: thinking blocks first, then the text, then tool calls, whose
 * inputs are JSON objects, not strings.
 */
final class AnthropicMessageBody {

    private AnthropicMessageBody() {}

    static Map<String, Object> of(String id, String model, CollectedReply reply, JsonMapper json) {
        List<Map<String, Object>> content = new ArrayList<>();
        for (ThinkingPart thinking : reply.thinking()) {
            content.add(AnthropicWire.thinkingBlock(thinking));
        }
        if (!reply.text().isEmpty()) {
            content.add(Map.of("type", "text", "text", reply.text()));
        }
        for (CollectedReply.ToolCall call : reply.toolCalls()) {
            content.add(Map.of(
                    "type", "tool_use", "id", call.id(), "name", call.name(), "input", input(call.arguments(), json)));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", id);
        body.put("type", "message");
        body.put("role", "assistant");
        body.put("model", model);
        body.put("content", content);
        body.put("stop_reason", AnthropicWire.stopReason(reply.finishReason()));
        body.put("stop_sequence", reply.stopSequence());
        body.put("usage", AnthropicWire.usage(reply.usage()));
        return body;
    }

    /**
     * A tool call's input as the object Anthropic's clients expect. Arguments cut short by {@code max_tokens} (the
     * reply then stops with {@code max_tokens}) are not JSON yet: the block keeps its place with an empty input, as a
     * caller must ask again with more room anyway.
     */
    private static JsonNode input(String arguments, JsonMapper json) {
        try {
            JsonNode parsed = json.readTree(arguments);
            return parsed != null && parsed.isObject() ? parsed : json.createObjectNode();
        } catch (JacksonException cut) {
            return json.createObjectNode();
        }
    }
}
