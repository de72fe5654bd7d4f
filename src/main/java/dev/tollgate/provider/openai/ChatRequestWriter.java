package dev.tollgate.provider.openai;

import dev.tollgate.provider.ChatMessage;
import dev.tollgate.provider.ChatRequest;
import dev.tollgate.provider.ContentPart;
import dev.tollgate.provider.ImageFormat;
import dev.tollgate.provider.ImagePart;
import dev.tollgate.provider.TextPart;
import dev.tollgate.provider.ThinkingPart;
import dev.tollgate.provider.ToolCallPart;
import dev.tollgate.provider.ToolChoice;
import dev.tollgate.provider.ToolDefinition;
import dev.tollgate.provider.ToolResultPart;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes a {@link ChatRequest} as a streamed Chat Completions request body.
 *
 * <p>The output cap goes out as {@code max_tokens}, which every compatible server reads; OpenAI's own reasoning models
 * want {@code max_completion_tokens} instead. The format has no cache markers (OpenAI caches long prefixes on its own),
 * so cache breakpoints are not sent, and no error flag on tool results, so a failed tool's result says so in its text.
 * What the caller sent beyond the canonical fields follows the gateway's own ({@link OpenAiExtras}).
 */
final class ChatRequestWriter {

    /** Prefixed to a failed tool's result, the only way the format can tell the model the call failed. */
    static final String TOOL_ERROR_PREFIX = "Error: ";

    private final JsonMapper json;

    ChatRequestWriter(JsonMapper json) {
        this.json = json;
    }

    ObjectNode write(ChatRequest request, String upstreamModel) {
        ObjectNode body = json.createObjectNode();
        body.put("model", upstreamModel);
        body.put("stream", true);
        body.putObject("stream_options").put("include_usage", true);
        ArrayNode messages = body.putArray("messages");
        if (!request.system().isEmpty()) {
            messages.addObject().put("role", "system").put("content", joined(request.system()));
        }
        request.messages().forEach(message -> writeMessage(message, messages));
        if (!request.tools().isEmpty()) {
            ArrayNode tools = body.putArray("tools");
            request.tools().forEach(tool -> writeTool(tool, tools.addObject()));
            writeToolChoice(request.toolChoice(), body);
        }
        body.put("max_tokens", request.maxTokens());
        if (request.temperature() != null) {
            body.put("temperature", request.temperature());
        }
        if (!request.stopSequences().isEmpty()) {
            ArrayNode stop = body.putArray("stop");
            request.stopSequences().forEach(stop::add);
        }
        OpenAiExtras.apply(request.extras(), body);
        return body;
    }

    private void writeMessage(ChatMessage message, ArrayNode messages) {
        if (message.role() == ChatMessage.Role.ASSISTANT) {
            writeAssistant(message, messages.addObject());
            return;
        }
        if (message.isSystem()) {
            // Chat Completions takes system messages anywhere, so a mid-conversation one keeps its place
            messages.addObject()
                    .put("role", "system")
                    .put(
                            "content",
                            joined(message.parts().stream()
                                    .map(TextPart.class::cast)
                                    .toList()));
            return;
        }
        // tool results answer the previous assistant turn, so they go first, as role "tool" messages of their own
        List<ContentPart> rest = new ArrayList<>();
        for (ContentPart part : message.parts()) {
            if (part instanceof ToolResultPart result) {
                messages.addObject()
                        .put("role", "tool")
                        .put("tool_call_id", result.toolCallId())
                        .put("content", result.isError() ? TOOL_ERROR_PREFIX + result.content() : result.content());
            } else if (!(part instanceof ToolCallPart)) {
                rest.add(part);
            }
        }
        if (!rest.isEmpty()) {
            writeUser(rest, messages.addObject());
        }
    }

    private void writeUser(List<ContentPart> parts, ObjectNode message) {
        message.put("role", "user");
        if (parts.size() == 1 && parts.getFirst() instanceof TextPart text) {
            message.put("content", text.text());
            return;
        }
        ArrayNode content = message.putArray("content");
        for (ContentPart part : parts) {
            switch (part) {
                case TextPart text -> content.addObject().put("type", "text").put("text", text.text());
                case ImagePart image ->
                    content.addObject()
                            .put("type", "image_url")
                            .putObject("image_url")
                            .put("url", urlOf(image));
                default -> {
                    // tool calls and results were taken out before
                }
            }
        }
    }

    private void writeAssistant(ChatMessage message, ObjectNode assistant) {
        assistant.put("role", "assistant");
        String text = message.parts().stream()
                .filter(TextPart.class::isInstance)
                .map(part -> ((TextPart) part).text())
                .collect(Collectors.joining());
        List<ToolCallPart> calls = message.parts().stream()
                .filter(ToolCallPart.class::isInstance)
                .map(ToolCallPart.class::cast)
                .toList();
        if (text.isEmpty() && !calls.isEmpty()) {
            assistant.putNull("content");
        } else {
            assistant.put("content", text);
        }
        String reasoning = message.parts().stream()
                .filter(part -> part instanceof ThinkingPart thinking && !thinking.redacted())
                .map(part -> ((ThinkingPart) part).text())
                .collect(Collectors.joining());
        if (!reasoning.isEmpty()) {
            // the de-facto field of DeepSeek, vLLM and OpenRouter; signatures have no place in it
            assistant.put("reasoning_content", reasoning);
        }
        if (!calls.isEmpty()) {
            ArrayNode toolCalls = assistant.putArray("tool_calls");
            for (ToolCallPart call : calls) {
                ObjectNode entry = toolCalls.addObject().put("id", call.id()).put("type", "function");
                entry.putObject("function").put("name", call.name()).put("arguments", call.argumentsJson());
            }
        }
    }

    private static void writeTool(ToolDefinition tool, ObjectNode entry) {
        entry.put("type", "function");
        ObjectNode function = entry.putObject("function").put("name", tool.name());
        if (tool.description() != null) {
            function.put("description", tool.description());
        }
        function.set("parameters", tool.parameters());
        if (tool.strict() != null) {
            function.put("strict", tool.strict());
        }
    }

    private static void writeToolChoice(ToolChoice choice, ObjectNode body) {
        switch (choice.mode()) {
            case NONE -> body.put("tool_choice", "none");
            case AUTO -> body.put("tool_choice", "auto");
            case REQUIRED -> body.put("tool_choice", "required");
            case NAMED -> {
                ObjectNode named = body.putObject("tool_choice").put("type", "function");
                named.putObject("function").put("name", choice.toolName());
            }
        }
    }

    private static String joined(List<TextPart> blocks) {
        return blocks.stream().map(TextPart::text).collect(Collectors.joining("\n\n"));
    }

    /** An inline image as a data URL; its media type as given, else as its bytes tell, else PNG. */
    private static String urlOf(ImagePart image) {
        if (image.url() != null) {
            return image.url();
        }
        String data = image.base64Data();
        String mediaType = image.mediaType() != null ? image.mediaType() : sniffedMediaType(data);
        return "data:" + mediaType + ";base64," + data;
    }

    private static String sniffedMediaType(String base64) {
        try {
            byte[] head = Base64.getDecoder().decode(base64.substring(0, Math.min(base64.length(), 24)));
            return ImageFormat.sniff(head).map(ImageFormat::mediaType).orElse("image/png");
        } catch (IllegalArgumentException notBase64) {
            return "image/png";
        }
    }
}
