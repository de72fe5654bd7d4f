package dev.tollgate.provider.anthropic;

import dev.tollgate.provider.CacheTtl;
import dev.tollgate.provider.ContentPart;
import dev.tollgate.provider.ImageFormat;
import dev.tollgate.provider.ImagePart;
import dev.tollgate.provider.TextPart;
import dev.tollgate.provider.ThinkingPart;
import dev.tollgate.provider.ToolCallPart;
import dev.tollgate.provider.ToolResultPart;
import dev.tollgate.provider.UpstreamException;
import java.util.Base64;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Writes message parts as Anthropic content blocks, each carrying {@code cache_control} where the caller marked one. */
final class ContentBlocks {

    /** Enough base64 characters to decode the longest signature {@link ImageFormat#sniff} looks at. */
    private static final int SNIFFED_BASE64_CHARS = 16;

    private final JsonMapper json;

    ContentBlocks(JsonMapper json) {
        this.json = json;
    }

    ObjectNode block(ContentPart part) {
        ObjectNode block = switch (part) {
            case TextPart text -> text(text.text());
            case ImagePart image -> image(image);
            case ToolCallPart call -> toolUse(call);
            case ToolResultPart result -> toolResult(result);
            case ThinkingPart thinking -> thinking(thinking);
        };
        return withCacheControl(block, part.cacheBreakpoint(), part.cacheTtl());
    }

    ObjectNode text(String text) {
        ObjectNode block = json.createObjectNode();
        block.put("type", "text");
        block.put("text", text);
        return block;
    }

    /**
     * Marks a prompt-cache breakpoint at the end of this block (system text, message part or tool), with its
     * {@code ttl} when the entry is to last an hour (five minutes is Anthropic's default).
     */
    static ObjectNode withCacheControl(ObjectNode block, boolean cacheBreakpoint, CacheTtl ttl) {
        if (cacheBreakpoint) {
            ObjectNode control = block.putObject("cache_control").put("type", "ephemeral");
            if (ttl != CacheTtl.FIVE_MINUTES) {
                control.put("ttl", ttl.wireName());
            }
        }
        return block;
    }

    private ObjectNode image(ImagePart image) {
        ObjectNode block = json.createObjectNode();
        block.put("type", "image");
        ObjectNode source = block.putObject("source");
        String url = image.url();
        if (url != null) {
            source.put("type", "url");
            source.put("url", url);
        } else {
            String data = Objects.requireNonNull(image.base64Data());
            source.put("type", "base64");
            source.put("media_type", mediaTypeOf(image.mediaType(), data));
            source.put("data", data);
        }
        return block;
    }

    /** A thinking block goes back exactly as it came, or Anthropic refuses its signature. */
    private ObjectNode thinking(ThinkingPart thinking) {
        ObjectNode block = json.createObjectNode();
        if (thinking.redacted()) {
            block.put("type", "redacted_thinking");
            block.put("data", thinking.text());
        } else {
            block.put("type", "thinking");
            block.put("thinking", thinking.text());
            block.put("signature", thinking.signature());
        }
        return block;
    }

    private ObjectNode toolUse(ToolCallPart call) {
        ObjectNode block = json.createObjectNode();
        block.put("type", "tool_use");
        block.put("id", call.id());
        block.put("name", call.name());
        block.set("input", argumentsOf(call));
        return block;
    }

    private ObjectNode toolResult(ToolResultPart result) {
        ObjectNode block = json.createObjectNode();
        block.put("type", "tool_result");
        block.put("tool_use_id", result.toolCallId());
        block.put("content", result.content());
        if (result.isError()) {
            block.put("is_error", true);
        }
        return block;
    }

    /** Anthropic takes a tool call's input as a JSON object, where the history carries it as JSON text. */
    private JsonNode argumentsOf(ToolCallPart call) {
        if (call.argumentsJson().isBlank()) {
            return json.createObjectNode();
        }
        try {
            JsonNode input = json.readTree(call.argumentsJson());
            if (input.isObject()) {
                return input;
            }
        } catch (JacksonException e) {
            // reported below with the call's name, not the parser's position
        }
        throw new UpstreamException(
                "The arguments of the tool call '" + call.id() + "' (" + call.name() + ") are not a JSON object",
                false,
                400,
                null);
    }

    /** The media type the caller gave, or else the one the image's first bytes show (Anthropic requires one). */
    private static String mediaTypeOf(@Nullable String given, String base64Data) {
        if (given != null && !given.isBlank()) {
            return given;
        }
        String prefix = base64Data.substring(0, Math.min(SNIFFED_BASE64_CHARS, base64Data.length() & ~3));
        try {
            return ImageFormat.sniff(Base64.getDecoder().decode(prefix))
                    .map(ImageFormat::mediaType)
                    .orElseThrow(() -> unknownMediaType(null));
        } catch (IllegalArgumentException e) {
            throw unknownMediaType(e);
        }
    }

    private static UpstreamException unknownMediaType(@Nullable IllegalArgumentException cause) {
        String message = "An inline image has no media type and is not a PNG, JPEG or WebP image";
        return cause == null ? new UpstreamException(message, false) : new UpstreamException(message, false, cause);
    }
}
