package dev.tollgate.provider.anthropic;

import dev.tollgate.provider.ChatMessage;
import dev.tollgate.provider.ChatRequest;
import dev.tollgate.provider.ContentPart;
import dev.tollgate.provider.TextPart;
import dev.tollgate.provider.ThinkingPart;
import dev.tollgate.provider.ToolChoice;
import dev.tollgate.provider.ToolDefinition;
import java.util.Objects;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes a chat request as the body of a streamed {@code POST /messages}; what the caller sent beyond the canonical
 * fields follows the gateway's own ({@link AnthropicExtras}).
 */
final class MessagesRequestWriter {

    /** Anthropic's temperature range; OpenAI-dialect callers may send up to 2, which Anthropic would refuse. */
    private static final double MAX_TEMPERATURE = 1.0;

    private final JsonMapper json;
    private final ContentBlocks blocks;

    MessagesRequestWriter(JsonMapper json) {
        this.json = json;
        this.blocks = new ContentBlocks(json);
    }

    ObjectNode write(ChatRequest request, String upstreamModel) {
        ObjectNode body = json.createObjectNode();
        body.put("model", upstreamModel);
        body.put("max_tokens", request.maxTokens());
        if (!request.system().isEmpty()) {
            ArrayNode system = body.putArray("system");
            for (TextPart block : request.system()) {
                system.add(blocks.block(block));
            }
        }
        ArrayNode messages = body.putArray("messages");
        for (ChatMessage message : request.messages()) {
            messages.add(message(message));
        }
        if (!request.tools().isEmpty()) {
            ArrayNode tools = body.putArray("tools");
            for (ToolDefinition tool : request.tools()) {
                tools.add(tool(tool));
            }
            // Anthropic refuses a tool_choice without tools, so it only goes along with them
            body.set("tool_choice", toolChoice(request.toolChoice()));
        }
        Double temperature = request.temperature();
        if (temperature != null) {
            body.put("temperature", Math.clamp(temperature, 0.0, MAX_TEMPERATURE));
        }
        if (!request.stopSequences().isEmpty()) {
            ArrayNode stops = body.putArray("stop_sequences");
            request.stopSequences().forEach(stops::add);
        }
        body.put("stream", true);
        AnthropicExtras.apply(request.extras(), body);
        return body;
    }

    private ObjectNode message(ChatMessage message) {
        ObjectNode turn = json.createObjectNode();
        turn.put(
                "role",
                switch (message.role()) {
                    case USER -> "user";
                    case ASSISTANT -> "assistant";
                    case SYSTEM -> "system";
                });
        // a plain system turn goes on as Claude Code sends it, a string
        if (message.isSystem()
                && message.parts().size() == 1
                && message.parts().getFirst() instanceof TextPart text
                && !text.cacheBreakpoint()) {
            return turn.put("content", text.text());
        }
        ArrayNode content = turn.putArray("content");
        for (ContentPart part : message.parts()) {
            if (!(part instanceof ThinkingPart thinking && thinking.unsigned())) {
                content.add(blocks.block(part));
            }
        }
        return turn;
    }

    private ObjectNode tool(ToolDefinition definition) {
        ObjectNode tool = json.createObjectNode();
        tool.put("name", definition.name());
        String description = definition.description();
        if (description != null) {
            tool.put("description", description);
        }
        tool.set("input_schema", definition.parameters());
        if (definition.strict() != null) {
            tool.put("strict", definition.strict());
        }
        return ContentBlocks.withCacheControl(tool, definition.cacheBreakpoint(), definition.cacheTtl());
    }

    private ObjectNode toolChoice(ToolChoice choice) {
        ObjectNode node = json.createObjectNode();
        switch (choice.mode()) {
            case NONE -> node.put("type", "none");
            case AUTO -> node.put("type", "auto");
            case REQUIRED -> node.put("type", "any");
            case NAMED -> {
                node.put("type", "tool");
                node.put("name", Objects.requireNonNull(choice.toolName()));
            }
        }
        return node;
    }
}
