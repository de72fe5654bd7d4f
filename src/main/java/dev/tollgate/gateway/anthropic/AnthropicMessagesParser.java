package dev.tollgate.gateway.anthropic;

import static dev.tollgate.gateway.wire.RequestFields.invalid;

import dev.tollgate.caller.Dialect;
import dev.tollgate.catalog.ModelId;
import dev.tollgate.gateway.wire.RequestFields;
import dev.tollgate.provider.CacheTtl;
import dev.tollgate.provider.ChatMessage;
import dev.tollgate.provider.ChatRequest;
import dev.tollgate.provider.ContentPart;
import dev.tollgate.provider.ImagePart;
import dev.tollgate.provider.RequestExtras;
import dev.tollgate.provider.TextPart;
import dev.tollgate.provider.ThinkingPart;
import dev.tollgate.provider.ToolCallPart;
import dev.tollgate.provider.ToolChoice;
import dev.tollgate.provider.ToolDefinition;
import dev.tollgate.provider.ToolResultPart;
import dev.tollgate.web.ApiError;
import dev.tollgate.web.ApiException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Turns an Anthropic {@code /v1/messages} body into the gateway's {@link ChatRequest}, or a 400 saying why not. */
final class AnthropicMessagesParser {

    /**
     * The fields read into the canonical request or answered by the gateway itself; every other top-level field
     * travels with the request as sent.
     */
    static final Set<String> MODELLED = Set.of(
            "model",
            "messages",
            "system",
            "max_tokens",
            "stream",
            "temperature",
            "stop_sequences",
            "tools",
            "tool_choice");

    record Parsed(ChatRequest request, boolean stream) {}

    private final JsonMapper json;

    AnthropicMessagesParser(JsonMapper json) {
        this.json = json;
    }

    /** A Messages request: {@code max_tokens} is required. */
    Parsed parse(JsonNode body, String cacheScope, Map<String, List<String>> betaHeaders) {
        Integer maxTokens =
                RequestFields.optionalPositiveInt(RequestFields.requireObject(body), "max_tokens", "max_tokens");
        if (maxTokens == null) {
            throw invalid("max_tokens: field required", "max_tokens");
        }
        return new Parsed(
                request(body, maxTokens, cacheScope, betaHeaders),
                RequestFields.optionalBoolean(body, "stream", "stream"));
    }

    /** A {@code count_tokens} request: the same fields without {@code max_tokens}. */
    ChatRequest parseForCounting(JsonNode body, String cacheScope) {
        return request(RequestFields.requireObject(body), 1, cacheScope, Map.of());
    }

    private ChatRequest request(
            JsonNode body, int maxTokens, String cacheScope, Map<String, List<String>> betaHeaders) {
        String model = RequestFields.requireString(body, "model", "model");
        ModelId modelId = ModelId.tryParse(model)
                .orElseThrow(() ->
                        new ApiException(ApiError.notFound("model_not_found", "model: " + model + " does not exist")));
        List<ChatMessage> messages = new ArrayList<>();
        List<JsonNode> items = RequestFields.requireNonEmptyArray(body, "messages", "messages");
        for (int i = 0; i < items.size(); i++) {
            messages.add(message(items.get(i), "messages." + i));
        }
        List<ToolDefinition> tools = tools(body);
        ToolChoice toolChoice = toolChoice(body);
        toolChoice.conflictWith(tools).ifPresent(conflict -> {
            throw invalid("tool_choice: " + conflict, "tool_choice");
        });
        return new ChatRequest(
                modelId,
                system(body.get("system")),
                messages,
                tools,
                toolChoice,
                maxTokens,
                RequestFields.optionalNumber(body, "temperature", "temperature", 0, 1),
                RequestFields.stopSequences(body, "stop_sequences", 16),
                false,
                cacheScope,
                extras(body, betaHeaders));
    }

    private static RequestExtras extras(JsonNode body, Map<String, List<String>> betaHeaders) {
        Map<String, JsonNode> fields = RequestFields.unmodelled(body, MODELLED);
        return fields.isEmpty() && betaHeaders.isEmpty()
                ? RequestExtras.none(Dialect.ANTHROPIC)
                : new RequestExtras(Dialect.ANTHROPIC, fields, betaHeaders);
    }

    private ChatMessage message(JsonNode message, String path) {
        if (!message.isObject()) {
            throw invalid(path + ": must be an object", path);
        }
        String role = RequestFields.requireString(message, "role", path + ".role");
        ChatMessage.Role canonical = switch (role) {
            case "user" -> ChatMessage.Role.USER;
            case "assistant" -> ChatMessage.Role.ASSISTANT;
            case "system" -> ChatMessage.Role.SYSTEM;
            default -> throw invalid(path + ".role: must be 'user', 'assistant' or 'system'", path + ".role");
        };
        JsonNode content = message.get("content");
        if (content != null && content.isString()) {
            return new ChatMessage(canonical, List.of(new TextPart(content.stringValue(), false)));
        }
        if (content == null || !content.isArray() || content.isEmpty()) {
            throw invalid(path + ".content: must be a string or a non-empty array of blocks", path + ".content");
        }
        List<ContentPart> parts = new ArrayList<>();
        int i = 0;
        for (JsonNode block : content) {
            String blockPath = path + ".content." + i++;
            ContentPart part = block(block, blockPath);
            if (canonical == ChatMessage.Role.SYSTEM && !(part instanceof TextPart)) {
                throw invalid(blockPath + ".type: a system message holds text blocks only", blockPath + ".type");
            }
            parts.add(part);
        }
        return new ChatMessage(canonical, parts);
    }

    private ContentPart block(JsonNode block, String path) {
        String type = block.isObject() ? block.path("type").asString("") : "";
        boolean cached = cacheControl(block);
        CacheTtl ttl = cacheTtl(block, path);
        return switch (type) {
            case "text" -> new TextPart(RequestFields.requireString(block, "text", path + ".text"), cached, ttl);
            case "image" -> image(block, path, cached, ttl);
            case "tool_use" ->
                new ToolCallPart(
                        RequestFields.requireString(block, "id", path + ".id"),
                        RequestFields.requireString(block, "name", path + ".name"),
                        json.writeValueAsString(RequestFields.requireObjectField(block, "input", path + ".input")),
                        cached,
                        ttl);
            case "tool_result" ->
                new ToolResultPart(
                        RequestFields.requireString(block, "tool_use_id", path + ".tool_use_id"),
                        toolResultText(block.get("content"), path + ".content"),
                        RequestFields.optionalBoolean(block, "is_error", path + ".is_error"),
                        cached,
                        ttl);
            case "thinking" ->
                ThinkingPart.readable(
                        RequestFields.requireString(block, "thinking", path + ".thinking"),
                        RequestFields.requireString(block, "signature", path + ".signature"));
            case "redacted_thinking" ->
                ThinkingPart.redacted(RequestFields.requireString(block, "data", path + ".data"));
            default -> throw invalid(path + ".type: unsupported block type '" + type + "'", path + ".type");
        };
    }

    private static ImagePart image(JsonNode block, String path, boolean cached, CacheTtl ttl) {
        JsonNode source = RequestFields.requireObjectField(block, "source", path + ".source");
        return switch (source.path("type").asString("")) {
            case "base64" ->
                new ImagePart(
                        RequestFields.requireString(source, "media_type", path + ".source.media_type"),
                        RequestFields.requireString(source, "data", path + ".source.data"),
                        null,
                        cached,
                        ttl);
            case "url" ->
                new ImagePart(
                        null, null, RequestFields.requireString(source, "url", path + ".source.url"), cached, ttl);
            default -> throw invalid(path + ".source.type: must be 'base64' or 'url'", path + ".source.type");
        };
    }

    private static String toolResultText(@Nullable JsonNode content, String path) {
        if (content == null || content.isNull()) {
            return "";
        }
        if (content.isString()) {
            return content.stringValue();
        }
        if (!content.isArray()) {
            throw invalid(path + ": must be a string or an array of blocks", path);
        }
        StringBuilder text = new StringBuilder();
        for (JsonNode block : content) {
            if ("text".equals(block.path("type").asString(""))) {
                text.append(block.path("text").asString(""));
            }
        }
        return text.toString();
    }

    private static List<TextPart> system(@Nullable JsonNode system) {
        if (system == null || system.isNull()) {
            return List.of();
        }
        if (system.isString()) {
            return List.of(new TextPart(system.stringValue(), false));
        }
        if (!system.isArray()) {
            throw invalid("system: must be a string or an array of text blocks", "system");
        }
        List<TextPart> parts = new ArrayList<>();
        int i = 0;
        for (JsonNode block : system) {
            String path = "system." + i++;
            if (!"text".equals(block.path("type").asString(""))) {
                throw invalid(path + ".type: must be 'text'", path + ".type");
            }
            parts.add(new TextPart(
                    RequestFields.requireString(block, "text", path + ".text"),
                    cacheControl(block),
                    cacheTtl(block, path)));
        }
        return parts;
    }

    private List<ToolDefinition> tools(JsonNode body) {
        List<ToolDefinition> tools = new ArrayList<>();
        int i = 0;
        for (JsonNode tool : RequestFields.optionalArray(body, "tools", "tools")) {
            String path = "tools." + i++;
            String type = tool.path("type").asString("custom");
            if (!"custom".equals(type)) {
                throw invalid(path + ".type: server tool '" + type + "' is not supported here", path + ".type");
            }
            tools.add(new ToolDefinition(
                    RequestFields.requireString(tool, "name", path + ".name"),
                    RequestFields.optionalString(tool, "description", path + ".description"),
                    RequestFields.requireObjectField(tool, "input_schema", path + ".input_schema"),
                    cacheControl(tool),
                    cacheTtl(tool, path),
                    RequestFields.optionalFlag(tool, "strict", path + ".strict")));
        }
        return tools;
    }

    private static ToolChoice toolChoice(JsonNode body) {
        JsonNode choice = body.get("tool_choice");
        if (choice == null || choice.isNull()) {
            return ToolChoice.AUTO;
        }
        if (!choice.isObject()) {
            throw invalid("tool_choice: must be an object", "tool_choice");
        }
        return switch (choice.path("type").asString("")) {
            case "auto" -> ToolChoice.AUTO;
            case "any" -> ToolChoice.REQUIRED;
            case "none" -> ToolChoice.NONE;
            case "tool" -> ToolChoice.named(RequestFields.requireString(choice, "name", "tool_choice.name"));
            default -> throw invalid("tool_choice.type: must be auto, any, tool or none", "tool_choice.type");
        };
    }

    private static boolean cacheControl(JsonNode node) {
        JsonNode control = node.get("cache_control");
        return control != null
                && control.isObject()
                && "ephemeral".equals(control.path("type").asString(""));
    }

    /** {@code cache_control.ttl}: five minutes when absent, an hour for {@code "1h"}; any other value is refused. */
    private static CacheTtl cacheTtl(JsonNode node, String path) {
        JsonNode ttl = node.path("cache_control").path("ttl");
        if (ttl.isMissingNode() || ttl.isNull()) {
            return CacheTtl.FIVE_MINUTES;
        }
        String field = path + ".cache_control.ttl";
        return CacheTtl.ofWireName(ttl.isString() ? ttl.stringValue() : "")
                .orElseThrow(() -> invalid(field + ": must be '5m' or '1h'", field));
    }
}
