package dev.tollgate.gateway.responses;

import static dev.tollgate.gateway.wire.RequestFields.invalid;

import dev.tollgate.gateway.wire.RequestFields;
import dev.tollgate.provider.ChatMessage;
import dev.tollgate.provider.ContentPart;
import dev.tollgate.provider.ImagePart;
import dev.tollgate.provider.TextPart;
import dev.tollgate.provider.ThinkingPart;
import dev.tollgate.provider.ToolCallPart;
import dev.tollgate.provider.ToolResultPart;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Reads a Responses {@code input} into the chat core's system prompt and turns. Developer and system messages join the
 * system prompt; consecutive assistant-side items (reasoning, assistant messages, function calls) form one assistant
 * turn, and function call outputs become the tool results of a user turn, the way Chat Completions and Messages hold
 * a tool round trip.
 */
final class InputItems {

    /**
     * Items that record what a hosted tool did. No translated upstream runs those tools, so they have nothing to say
     * there and are left out; a channel that speaks Responses receives them with the rest of the body.
     */
    static final Set<String> HOSTED_CALL_ITEMS = Set.of(
            "web_search_call",
            "file_search_call",
            "code_interpreter_call",
            "image_generation_call",
            "computer_call",
            "computer_call_output",
            "local_shell_call",
            "local_shell_call_output",
            "shell_call",
            "shell_call_output",
            "apply_patch_call",
            "apply_patch_call_output",
            "mcp_list_tools",
            "mcp_approval_request",
            "mcp_approval_response",
            "mcp_call",
            "custom_tool_call",
            "custom_tool_call_output");

    private static final Pattern DATA_URL = Pattern.compile("data:([\\w/+.-]+);base64,(.+)", Pattern.DOTALL);

    private final List<TextPart> system = new ArrayList<>();
    private final List<ChatMessage> messages = new ArrayList<>();

    List<TextPart> system() {
        return system;
    }

    List<ChatMessage> messages() {
        return messages;
    }

    void instructions(String instructions) {
        system.add(new TextPart(instructions, false));
    }

    void userText(String text) {
        add(ChatMessage.Role.USER, List.of(new TextPart(text, false)));
    }

    void read(JsonNode item, String path) {
        if (!item.isObject()) {
            throw invalid(path + " must be an object.", path);
        }
        String type = RequestFields.optionalString(item, "type", path + ".type");
        if (type == null) {
            if (!item.has("role")) {
                throw invalid(path + ".type is required.", path + ".type");
            }
            type = "message";
        }
        switch (type) {
            case "message" -> message(item, path);
            case "function_call" ->
                add(
                        ChatMessage.Role.ASSISTANT,
                        List.of(new ToolCallPart(
                                RequestFields.requireString(item, "call_id", path + ".call_id"),
                                RequestFields.requireString(item, "name", path + ".name"),
                                RequestFields.requireString(item, "arguments", path + ".arguments"),
                                false)));
            case "function_call_output" ->
                add(
                        ChatMessage.Role.USER,
                        List.of(new ToolResultPart(
                                RequestFields.requireString(item, "call_id", path + ".call_id"),
                                toolOutput(item.get("output"), path + ".output"),
                                false,
                                false)));
            case "reasoning" -> reasoning(item, path);
            default -> {
                if (!HOSTED_CALL_ITEMS.contains(type)) {
                    throw invalid(
                            path + ".type must be message, function_call, function_call_output or reasoning; got '"
                                    + type + "'.",
                            path + ".type");
                }
            }
        }
    }

    private void message(JsonNode item, String path) {
        String role = RequestFields.requireString(item, "role", path + ".role");
        JsonNode content = item.get("content");
        String contentPath = path + ".content";
        switch (role) {
            case "system", "developer" -> system.addAll(systemText(content, contentPath));
            case "user" -> add(ChatMessage.Role.USER, userParts(content, contentPath));
            case "assistant" -> add(ChatMessage.Role.ASSISTANT, assistantParts(content, contentPath));
            default ->
                throw invalid(
                        path + ".role must be one of user, assistant, system or developer; got '" + role + "'.",
                        path + ".role");
        }
    }

    private static List<TextPart> systemText(@Nullable JsonNode content, String path) {
        List<TextPart> parts = new ArrayList<>();
        for (ContentPart part : parts(content, path, Side.SYSTEM)) {
            parts.add((TextPart) part);
        }
        return parts;
    }

    private static List<ContentPart> userParts(@Nullable JsonNode content, String path) {
        return parts(content, path, Side.USER);
    }

    private static List<ContentPart> assistantParts(@Nullable JsonNode content, String path) {
        return parts(content, path, Side.ASSISTANT);
    }

    private enum Side {
        SYSTEM,
        USER,
        ASSISTANT
    }

    private static List<ContentPart> parts(@Nullable JsonNode content, String path, Side side) {
        if (content == null || content.isNull()) {
            throw invalid(path + " is required.", path);
        }
        if (content.isString()) {
            return List.of(new TextPart(content.stringValue(), false));
        }
        if (!content.isArray()) {
            throw invalid(path + " must be a string or an array of content parts.", path);
        }
        List<ContentPart> parts = new ArrayList<>();
        int i = 0;
        for (JsonNode part : content) {
            String partPath = path + "[" + i++ + "]";
            if (!part.isObject()) {
                throw invalid(partPath + " must be an object.", partPath);
            }
            String type = RequestFields.requireString(part, "type", partPath + ".type");
            switch (side) {
                case SYSTEM, USER -> {
                    if ("input_text".equals(type)) {
                        parts.add(new TextPart(RequestFields.requireString(part, "text", partPath + ".text"), false));
                    } else if ("input_image".equals(type) && side == Side.USER) {
                        parts.add(image(part, partPath));
                    } else {
                        throw invalid(
                                partPath + ".type must be "
                                        + (side == Side.USER ? "input_text or input_image" : "input_text") + "; got '"
                                        + type + "'.",
                                partPath + ".type");
                    }
                }
                case ASSISTANT -> {
                    String field = switch (type) {
                        case "output_text", "input_text" -> "text";
                        case "refusal" -> "refusal";
                        default ->
                            throw invalid(
                                    partPath + ".type must be output_text or refusal; got '" + type + "'.",
                                    partPath + ".type");
                    };
                    parts.add(new TextPart(RequestFields.requireString(part, field, partPath + "." + field), false));
                }
            }
        }
        if (parts.isEmpty() && side != Side.ASSISTANT) {
            throw invalid(path + " must not be empty.", path);
        }
        return parts;
    }

    /** An image by URL (the upstream fetches it, as for Chat Completions) or as a base64 data URL. */
    private static ImagePart image(JsonNode part, String path) {
        JsonNode fileId = part.get("file_id");
        if (fileId != null && !fileId.isNull()) {
            throw invalid(
                    path + ".file_id: this server has no Files API; give the image as image_url (an http(s) URL or a"
                            + " base64 data URL).",
                    path + ".file_id");
        }
        String url = RequestFields.requireString(part, "image_url", path + ".image_url");
        Matcher data = DATA_URL.matcher(url);
        if (data.matches()) {
            return new ImagePart(data.group(1), data.group(2), null, false);
        }
        if (url.startsWith("https://") || url.startsWith("http://")) {
            return new ImagePart(null, null, url, false);
        }
        throw invalid(path + ".image_url must be an http(s) URL or a base64 data URL.", path + ".image_url");
    }

    /** A tool's output: a string, or text parts, which the chat core's tool results hold as one text. */
    private static String toolOutput(@Nullable JsonNode output, String path) {
        if (output == null || output.isNull()) {
            throw invalid(path + " is required.", path);
        }
        if (output.isString()) {
            return output.stringValue();
        }
        if (!output.isArray()) {
            throw invalid(path + " must be a string or an array of input_text parts.", path);
        }
        StringBuilder text = new StringBuilder();
        int i = 0;
        for (JsonNode part : output) {
            String partPath = path + "[" + i++ + "]";
            if (!part.isObject() || !"input_text".equals(part.path("type").asString(""))) {
                throw invalid(partPath + ".type must be input_text: tool outputs are text here.", partPath + ".type");
            }
            text.append(RequestFields.requireString(part, "text", partPath + ".text"));
        }
        return text.toString();
    }

    /**
     * A reasoning item becomes the thinking block it came from when its {@code encrypted_content} is the gateway's;
     * otherwise its summary is kept as unsigned thinking (which only upstreams that take such reasoning receive), and
     * an item with neither says nothing and is left out.
     */
    private void reasoning(JsonNode item, String path) {
        StringBuilder summary = new StringBuilder();
        int i = 0;
        for (JsonNode part : RequestFields.optionalArray(item, "summary", path + ".summary")) {
            String partPath = path + ".summary[" + i++ + "]";
            if (!part.isObject() || !"summary_text".equals(part.path("type").asString(""))) {
                throw invalid(partPath + ".type must be summary_text.", partPath + ".type");
            }
            summary.append(RequestFields.requireString(part, "text", partPath + ".text"));
        }
        String encrypted = RequestFields.optionalString(item, "encrypted_content", path + ".encrypted_content");
        ThinkingPart thinking = encrypted == null
                ? null
                : EncryptedReasoning.read(summary.toString(), encrypted, path + ".encrypted_content")
                        .orElse(null);
        if (thinking == null && !summary.isEmpty()) {
            thinking = ThinkingPart.readable(summary.toString(), "");
        }
        if (thinking != null) {
            add(ChatMessage.Role.ASSISTANT, List.of(thinking));
        }
    }

    /**
     * Consecutive assistant-side items make one turn; on the user side, tool results gather into one turn, and a
     * message after them joins it (Messages wants a turn's tool results first, then what the user adds).
     */
    private void add(ChatMessage.Role role, List<ContentPart> parts) {
        if (parts.isEmpty()) {
            return;
        }
        if (!messages.isEmpty() && messages.getLast().role() == role && joins(role, parts)) {
            List<ContentPart> merged = new ArrayList<>(messages.getLast().parts());
            merged.addAll(parts);
            messages.set(messages.size() - 1, new ChatMessage(role, merged));
            return;
        }
        messages.add(new ChatMessage(role, parts));
    }

    private boolean joins(ChatMessage.Role role, List<ContentPart> parts) {
        if (role == ChatMessage.Role.ASSISTANT) {
            return true;
        }
        return messages.getLast().parts().stream().anyMatch(ToolResultPart.class::isInstance);
    }
}
