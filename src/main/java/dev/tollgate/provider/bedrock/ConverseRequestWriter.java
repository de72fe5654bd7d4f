package dev.tollgate.provider.bedrock;

import dev.tollgate.provider.CacheTtl;
import dev.tollgate.provider.ChatMessage;
import dev.tollgate.provider.ChatRequest;
import dev.tollgate.provider.ContentPart;
import dev.tollgate.provider.ImagePart;
import dev.tollgate.provider.TextPart;
import dev.tollgate.provider.ThinkingPart;
import dev.tollgate.provider.ToolCallPart;
import dev.tollgate.provider.ToolDefinition;
import dev.tollgate.provider.ToolResultPart;
import dev.tollgate.provider.UpstreamException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.document.Document;
import software.amazon.awssdk.services.bedrockruntime.model.CachePointBlock;
import software.amazon.awssdk.services.bedrockruntime.model.CachePointType;
import software.amazon.awssdk.services.bedrockruntime.model.CacheTTL;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ConversationRole;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamRequest;
import software.amazon.awssdk.services.bedrockruntime.model.InferenceConfiguration;
import software.amazon.awssdk.services.bedrockruntime.model.Message;
import software.amazon.awssdk.services.bedrockruntime.model.ReasoningContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ReasoningTextBlock;
import software.amazon.awssdk.services.bedrockruntime.model.SystemContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.Tool;
import software.amazon.awssdk.services.bedrockruntime.model.ToolChoice;
import software.amazon.awssdk.services.bedrockruntime.model.ToolConfiguration;
import software.amazon.awssdk.services.bedrockruntime.model.ToolInputSchema;
import software.amazon.awssdk.services.bedrockruntime.model.ToolResultBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ToolResultContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ToolResultStatus;
import software.amazon.awssdk.services.bedrockruntime.model.ToolSpecification;
import software.amazon.awssdk.services.bedrockruntime.model.ToolUseBlock;

/** Writes a gateway chat request as a Converse request: system blocks, turns, tools, inference settings, cache points. */
final class ConverseRequestWriter {

    private static final CachePointBlock CACHE_POINT =
            CachePointBlock.builder().type(CachePointType.DEFAULT).build();
    private static final CachePointBlock HOUR_CACHE_POINT = CachePointBlock.builder()
            .type(CachePointType.DEFAULT)
            .ttl(CacheTTL.VALUE_1_H)
            .build();

    /** @throws dev.tollgate.provider.UnsupportedFieldException for a carried field Converse cannot take */
    ConverseStreamRequest write(ChatRequest request, String modelId) {
        ConverseExtras extras = ConverseExtras.of(request.extras(), modelId);
        var converse = ConverseStreamRequest.builder()
                .modelId(modelId)
                .messages(messages(request.messages()))
                .inferenceConfig(inference(request, extras));
        if (extras.outputConfig() != null) {
            converse.outputConfig(extras.outputConfig());
        }
        if (!extras.additional().isEmpty()) {
            converse.additionalModelRequestFields(Document.fromMap(extras.additional()));
        }
        if (!extras.requestMetadata().isEmpty()) {
            converse.requestMetadata(extras.requestMetadata());
        }
        List<TextPart> system = foldedSystem(request);
        if (!system.isEmpty()) {
            converse.system(system(system));
        }
        ToolConfiguration tools = tools(request);
        if (tools != null) {
            converse.toolConfig(tools);
        }
        return converse.build();
    }

    /**
     * Converse has no system role inside the conversation, so mid-conversation system turns join the system blocks, in
     * their order. They still reach the model as instructions and still come before the reply being asked for, which is
     * where they apply; what is lost is only which earlier turns they followed.
     */
    private static List<TextPart> foldedSystem(ChatRequest request) {
        List<TextPart> system = new ArrayList<>(request.system());
        for (ChatMessage message : request.messages()) {
            if (message.isSystem()) {
                message.parts().forEach(part -> system.add((TextPart) part));
            }
        }
        return system;
    }

    /** Five minutes is Converse's default lifetime, so only an hour's cache point names its TTL. */
    private static CachePointBlock cachePoint(CacheTtl ttl) {
        return ttl == CacheTtl.ONE_HOUR ? HOUR_CACHE_POINT : CACHE_POINT;
    }

    private static List<SystemContentBlock> system(List<TextPart> parts) {
        List<SystemContentBlock> blocks = new ArrayList<>();
        for (TextPart part : parts) {
            blocks.add(SystemContentBlock.fromText(part.text()));
            if (part.cacheBreakpoint()) {
                blocks.add(SystemContentBlock.fromCachePoint(cachePoint(part.cacheTtl())));
            }
        }
        return blocks;
    }

    /** Converse wants turns to alternate, so consecutive turns of one role (several tool results) become one. */
    private static List<Message> messages(List<ChatMessage> messages) {
        List<Message> written = new ArrayList<>();
        ChatMessage.@Nullable Role role = null;
        List<ContentBlock> blocks = new ArrayList<>();
        for (ChatMessage message : messages) {
            if (message.isSystem()) {
                continue; // folded into the system blocks
            }
            if (message.role() != role && !blocks.isEmpty()) {
                written.add(message(role, blocks));
                blocks = new ArrayList<>();
            }
            role = message.role();
            for (ContentPart part : message.parts()) {
                // an empty text beside a tool call (OpenAI's content: "") is refused by Converse as a blank block
                if (part instanceof TextPart text
                        && text.text().isEmpty()
                        && message.parts().size() > 1) {
                    continue;
                }
                // reasoning without a signature would be refused, and earlier turns' thinking is not read anyway
                if (part instanceof ThinkingPart thinking && thinking.unsigned()) {
                    continue;
                }
                blocks.add(content(part));
                if (part.cacheBreakpoint()) {
                    blocks.add(ContentBlock.fromCachePoint(cachePoint(part.cacheTtl())));
                }
            }
        }
        if (!blocks.isEmpty()) {
            written.add(message(role, blocks));
        }
        return written;
    }

    private static Message message(ChatMessage.@Nullable Role role, List<ContentBlock> blocks) {
        ConversationRole converseRole =
                role == ChatMessage.Role.ASSISTANT ? ConversationRole.ASSISTANT : ConversationRole.USER;
        return Message.builder().role(converseRole).content(blocks).build();
    }

    private static ContentBlock content(ContentPart part) {
        return switch (part) {
            case TextPart text -> ContentBlock.fromText(text.text());
            case ImagePart image -> ContentBlock.fromImage(ImageBlocks.of(image));
            case ToolCallPart call ->
                ContentBlock.fromToolUse(ToolUseBlock.builder()
                        .toolUseId(call.id())
                        .name(call.name())
                        .input(JsonDocument.parseArguments(call.argumentsJson()))
                        .build());
            case ToolResultPart result -> ContentBlock.fromToolResult(toolResult(result));
            case ThinkingPart thinking -> ContentBlock.fromReasoningContent(reasoning(thinking));
        };
    }

    /**
     * Thinking goes back as Converse's reasoning content: the text with its signature, or a redacted block's bytes
     * (Anthropic's API carries them as base64 text, Converse as bytes, so they are decoded, not re-encoded).
     */
    private static ReasoningContentBlock reasoning(ThinkingPart thinking) {
        if (thinking.redacted()) {
            try {
                return ReasoningContentBlock.fromRedactedContent(
                        SdkBytes.fromByteArray(Base64.getDecoder().decode(thinking.text())));
            } catch (IllegalArgumentException e) {
                throw new UpstreamException("A redacted_thinking block's data is not base64", false, 400, null);
            }
        }
        return ReasoningContentBlock.fromReasoningText(ReasoningTextBlock.builder()
                .text(thinking.text())
                .signature(thinking.signature())
                .build());
    }

    private static ToolResultBlock toolResult(ToolResultPart result) {
        var block = ToolResultBlock.builder()
                .toolUseId(result.toolCallId())
                .content(ToolResultContentBlock.fromText(result.content()));
        if (result.isError()) {
            // only set when it is an error: models other than Claude refuse the status field
            block.status(ToolResultStatus.ERROR);
        }
        return block.build();
    }

    private static InferenceConfiguration inference(ChatRequest request, ConverseExtras extras) {
        var inference = InferenceConfiguration.builder().maxTokens(request.maxTokens());
        if (extras.topP() != null) {
            inference.topP(extras.topP());
        }
        if (request.temperature() != null) {
            inference.temperature(request.temperature().floatValue());
        }
        if (!request.stopSequences().isEmpty()) {
            inference.stopSequences(request.stopSequences());
        }
        return inference.build();
    }

    /**
     * The tools and the choice among them. Converse has no "none" choice: with tool choice NONE the tools are left out,
     * unless the history holds tool calls or results, which Converse refuses without a tool configuration; then the
     * tools go with the default (auto) choice and the model may still call one.
     */
    private static @Nullable ToolConfiguration tools(ChatRequest request) {
        if (request.tools().isEmpty()) {
            return null;
        }
        boolean none = request.toolChoice().mode() == dev.tollgate.provider.ToolChoice.Mode.NONE;
        if (none && !hasToolBlocks(request.messages())) {
            return null;
        }
        List<Tool> tools = new ArrayList<>();
        for (ToolDefinition tool : request.tools()) {
            var spec = ToolSpecification.builder()
                    .name(tool.name())
                    .inputSchema(ToolInputSchema.fromJson(JsonDocument.of(tool.parameters())));
            if (tool.description() != null && !tool.description().isBlank()) {
                spec.description(tool.description());
            }
            if (tool.strict() != null) {
                spec.strict(tool.strict());
            }
            tools.add(Tool.fromToolSpec(spec.build()));
            if (tool.cacheBreakpoint()) {
                tools.add(Tool.fromCachePoint(cachePoint(tool.cacheTtl())));
            }
        }
        var config = ToolConfiguration.builder().tools(tools);
        ToolChoice choice = choice(request.toolChoice());
        if (choice != null) {
            config.toolChoice(choice);
        }
        return config.build();
    }

    private static @Nullable ToolChoice choice(dev.tollgate.provider.ToolChoice choice) {
        return switch (choice.mode()) {
            case NONE -> null;
            case AUTO -> ToolChoice.fromAuto(auto -> {});
            case REQUIRED -> ToolChoice.fromAny(any -> {});
            case NAMED -> ToolChoice.fromTool(tool -> tool.name(choice.toolName()));
        };
    }

    private static boolean hasToolBlocks(List<ChatMessage> messages) {
        return messages.stream()
                .flatMap(message -> message.parts().stream())
                .anyMatch(part -> part instanceof ToolCallPart || part instanceof ToolResultPart);
    }

    /** The caller's request cannot be written for Converse; another channel of this kind would refuse it too. */
    static UpstreamException unsupported(String why) {
        return new UpstreamException(why, false, 400, null);
    }
}
