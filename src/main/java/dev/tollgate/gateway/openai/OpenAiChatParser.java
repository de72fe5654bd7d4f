package dev.tollgate.gateway.openai;

import static dev.tollgate.gateway.wire.RequestFields.invalid;

import dev.tollgate.caller.Dialect;
import dev.tollgate.catalog.ModelId;
import dev.tollgate.gateway.wire.RequestFields;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;

/** Turns an OpenAI {@code /v1/chat/completions} body into the gateway's {@link ChatRequest}, or a 400 saying why not. */
final class OpenAiChatParser {

    /** The output cap when the caller sets none. */
    static final int DEFAULT_MAX_TOKENS = 4096;

    private static final Pattern DATA_URL = Pattern.compile("data:([\\w/+.-]+);base64,(.+)", Pattern.DOTALL);

    /**
     * The fields read into the canonical request or answered by the gateway itself; every other top-level field
     * travels with the request as sent.
     */
    static final Set<String> MODELLED = Set.of(
            "model",
            "messages",
            "stream",
            "stream_options",
            "max_completion_tokens",
            "max_tokens",
            "temperature",
            "stop",
            "tools",
            "tool_choice",
            "n");

    /** What the endpoint needs beyond the canonical request. */
    record Parsed(ChatRequest request, boolean stream, boolean includeUsage, boolean maxTokensChosen) {}

    private final JsonMapper json;

    OpenAiChatParser(JsonMapper json) {
        this.json = json;
    }

    Parsed parse(JsonNode body, String cacheScope, Map<String, List<String>> betaHeaders) {
        RequestFields.requireObject(body);
        String model = RequestFields.requireString(body, "model", "model");
        ModelId modelId = ModelId.tryParse(model)
                .orElseThrow(() -> new dev.tollgate.web.ApiException(dev.tollgate.web.ApiError.notFound(
                        "model_not_found", "The model '" + model + "' does not exist.")));
        Integer n = RequestFields.optionalPositiveInt(body, "n", "n");
        if (n != null && n > 1) {
            throw invalid("n greater than 1 is not supported; send separate requests.", "n");
        }
        Integer maxCompletion =
                RequestFields.optionalPositiveInt(body, "max_completion_tokens", "max_completion_tokens");
        Integer maxTokens = RequestFields.optionalPositiveInt(body, "max_tokens", "max_tokens");
        Integer chosen = maxCompletion != null ? maxCompletion : maxTokens;

        List<TextPart> system = new ArrayList<>();
        List<ChatMessage> messages = new ArrayList<>();
        List<JsonNode> items = RequestFields.requireNonEmptyArray(body, "messages", "messages");
        for (int i = 0; i < items.size(); i++) {
            readMessage(items.get(i), "messages[" + i + "]", system, messages);
        }
        if (messages.isEmpty()) {
            throw invalid("messages must contain at least one user or assistant message.", "messages");
        }
        boolean stream = RequestFields.optionalBoolean(body, "stream", "stream");
        boolean includeUsage = false;
        JsonNode streamOptions = body.get("stream_options");
        if (streamOptions != null && !streamOptions.isNull()) {
            if (!streamOptions.isObject()) {
                throw invalid("stream_options must be an object.", "stream_options");
            }
            includeUsage =
                    RequestFields.optionalBoolean(streamOptions, "include_usage", "stream_options.include_usage");
        }
        List<ToolDefinition> tools = tools(body);
        ToolChoice toolChoice = toolChoice(body);
        toolChoice.conflictWith(tools).ifPresent(conflict -> {
            throw invalid("tool_choice " + conflict + ".", "tool_choice");
        });
        ChatRequest request = new ChatRequest(
                modelId,
                system,
                messages,
                tools,
                toolChoice,
                chosen == null ? DEFAULT_MAX_TOKENS : chosen,
                RequestFields.optionalNumber(body, "temperature", "temperature", 0, 2),
                RequestFields.stopSequences(body, "stop", 4),
                true,
                cacheScope,
                extras(body, betaHeaders));
        return new Parsed(request, stream, includeUsage, chosen != null);
    }

    private static RequestExtras extras(JsonNode body, Map<String, List<String>> betaHeaders) {
        Map<String, JsonNode> fields = RequestFields.unmodelled(body, MODELLED);
        return fields.isEmpty() && betaHeaders.isEmpty()
                ? RequestExtras.none(Dialect.OPENAI)
                : new RequestExtras(Dialect.OPENAI, fields, betaHeaders);
    }

    private void readMessage(JsonNode message, String path, List<TextPart> system, List<ChatMessage> messages) {
        if (!message.isObject()) {
            throw invalid(path + " must be an object.", path);
        }
        String role = RequestFields.requireString(message, "role", path + ".role");
        switch (role) {
            case "system", "developer" -> system.addAll(textParts(message.get("content"), path + ".content"));
            case "user" -> add(messages, ChatMessage.Role.USER, userParts(message.get("content"), path + ".content"));
            case "assistant" -> add(messages, ChatMessage.Role.ASSISTANT, assistantParts(message, path));
            case "tool" ->
                add(
                        messages,
                        ChatMessage.Role.USER,
                        List.of(new ToolResultPart(
                                RequestFields.requireString(message, "tool_call_id", path + ".tool_call_id"),
                                joinText(textParts(message.get("content"), path + ".content")),
                                false,
                                false)));
            default ->
                throw invalid(
                        path + ".role must be one of system, developer, user, assistant or tool; got '" + role + "'.",
                        path + ".role");
        }
    }

    /** Consecutive turns of the same role merge, so tool results of one assistant turn form one user turn. */
    private static void add(List<ChatMessage> messages, ChatMessage.Role role, List<ContentPart> parts) {
        if (!messages.isEmpty()
                && messages.getLast().role() == role
                && parts.stream().allMatch(ToolResultPart.class::isInstance)
                && messages.getLast().parts().stream().allMatch(ToolResultPart.class::isInstance)) {
            List<ContentPart> merged = new ArrayList<>(messages.getLast().parts());
            merged.addAll(parts);
            messages.set(messages.size() - 1, new ChatMessage(role, merged));
            return;
        }
        messages.add(new ChatMessage(role, parts));
    }

    private List<TextPart> textParts(@Nullable JsonNode content, String path) {
        if (content == null || content.isNull()) {
            throw invalid(path + " is required.", path);
        }
        if (content.isString()) {
            return List.of(new TextPart(content.stringValue(), false));
        }
        if (!content.isArray()) {
            throw invalid(path + " must be a string or an array of text parts.", path);
        }
        List<TextPart> parts = new ArrayList<>();
        int i = 0;
        for (JsonNode part : content) {
            String partPath = path + "[" + i++ + "]";
            if (!part.isObject() || !"text".equals(part.path("type").asString(""))) {
                throw invalid(partPath + " must be a text part.", partPath);
            }
            parts.add(new TextPart(RequestFields.requireString(part, "text", partPath + ".text"), false));
        }
        return parts;
    }

    private List<ContentPart> userParts(@Nullable JsonNode content, String path) {
        if (content != null && content.isArray()) {
            List<ContentPart> parts = new ArrayList<>();
            int i = 0;
            for (JsonNode part : content) {
                String partPath = path + "[" + i++ + "]";
                String type = part.isObject() ? part.path("type").asString("") : "";
                switch (type) {
                    case "text" ->
                        parts.add(new TextPart(RequestFields.requireString(part, "text", partPath + ".text"), false));
                    case "image_url" -> parts.add(image(part, partPath));
                    default ->
                        throw invalid(
                                partPath + ".type must be 'text' or 'image_url'; got '" + type + "'.",
                                partPath + ".type");
                }
            }
            if (parts.isEmpty()) {
                throw invalid(path + " must not be empty.", path);
            }
            return parts;
        }
        return List.copyOf(textParts(content, path));
    }

    private static ImagePart image(JsonNode part, String path) {
        JsonNode imageUrl = RequestFields.requireObjectField(part, "image_url", path + ".image_url");
        String url = RequestFields.requireString(imageUrl, "url", path + ".image_url.url");
        Matcher data = DATA_URL.matcher(url);
        if (data.matches()) {
            return new ImagePart(data.group(1), data.group(2), null, false);
        }
        if (url.startsWith("https://") || url.startsWith("http://")) {
            return new ImagePart(null, null, url, false);
        }
        throw invalid(path + ".image_url.url must be an http(s) URL or a base64 data URL.", path + ".image_url.url");
    }

    private List<ContentPart> assistantParts(JsonNode message, String path) {
        List<ContentPart> parts = new ArrayList<>();
        // the reasoning a DeepSeek-style server returned, echoed back: it carries no signature
        String reasoning = RequestFields.optionalString(message, "reasoning_content", path + ".reasoning_content");
        if (reasoning != null && !reasoning.isEmpty()) {
            parts.add(ThinkingPart.readable(reasoning, ""));
        }
        JsonNode content = message.get("content");
        if (content != null && !content.isNull()) {
            parts.addAll(textParts(content, path + ".content"));
        }
        int i = 0;
        for (JsonNode call : RequestFields.optionalArray(message, "tool_calls", path + ".tool_calls")) {
            String callPath = path + ".tool_calls[" + i++ + "]";
            JsonNode function = RequestFields.requireObjectField(call, "function", callPath + ".function");
            parts.add(new ToolCallPart(
                    RequestFields.requireString(call, "id", callPath + ".id"),
                    RequestFields.requireString(function, "name", callPath + ".function.name"),
                    RequestFields.requireString(function, "arguments", callPath + ".function.arguments"),
                    false));
        }
        if (parts.isEmpty()) {
            parts.add(new TextPart("", false));
        }
        return parts;
    }

    private List<ToolDefinition> tools(JsonNode body) {
        List<ToolDefinition> tools = new ArrayList<>();
        int i = 0;
        for (JsonNode tool : RequestFields.optionalArray(body, "tools", "tools")) {
            String path = "tools[" + i++ + "]";
            if (!"function".equals(tool.path("type").asString(""))) {
                throw invalid(path + ".type must be 'function'.", path + ".type");
            }
            JsonNode function = RequestFields.requireObjectField(tool, "function", path + ".function");
            JsonNode parameters = function.get("parameters");
            if (parameters != null && !parameters.isNull() && !parameters.isObject()) {
                throw invalid(
                        path + ".function.parameters must be a JSON Schema object.", path + ".function.parameters");
            }
            tools.add(new ToolDefinition(
                    RequestFields.requireString(function, "name", path + ".function.name"),
                    RequestFields.optionalString(function, "description", path + ".function.description"),
                    parameters == null || parameters.isNull() ? emptySchema() : parameters,
                    false,
                    RequestFields.optionalFlag(function, "strict", path + ".function.strict")));
        }
        return tools;
    }

    private ToolChoice toolChoice(JsonNode body) {
        JsonNode choice = body.get("tool_choice");
        if (choice == null || choice.isNull()) {
            return ToolChoice.AUTO;
        }
        if (choice.isString()) {
            return switch (choice.stringValue()) {
                case "none" -> ToolChoice.NONE;
                case "auto" -> ToolChoice.AUTO;
                case "required" -> ToolChoice.REQUIRED;
                default -> throw invalid("tool_choice must be none, auto, required or a function.", "tool_choice");
            };
        }
        if (choice.isObject() && "function".equals(choice.path("type").asString(""))) {
            JsonNode function = RequestFields.requireObjectField(choice, "function", "tool_choice.function");
            return ToolChoice.named(RequestFields.requireString(function, "name", "tool_choice.function.name"));
        }
        throw invalid("tool_choice must be none, auto, required or {\"type\":\"function\",...}.", "tool_choice");
    }

    private static String joinText(List<TextPart> parts) {
        StringBuilder text = new StringBuilder();
        parts.forEach(part -> text.append(part.text()));
        return text.toString();
    }

    private JsonNode emptySchema() {
        return json.createObjectNode().put("type", "object").set("properties", JsonNodeFactory.instance.objectNode());
    }
}
