package dev.tollgate.provider;

import dev.tollgate.catalog.ModelId;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A chat request in the gateway's own terms, whichever dialect it arrived in.
 *
 * @param system system prompt blocks (OpenAI system/developer messages end up here too)
 * @param maxTokens the output cap the upstream must honour
 * @param stopSequences strings that end the reply when generated (not included in it)
 * @param implicitPromptCaching true for the OpenAI dialect, where a long repeated prefix is cached without markers
 * @param cacheScope whose prompt cache this request may read and write (the team), so teams never share one
 */
public record ChatRequest(
        ModelId model,
        List<TextPart> system,
        List<ChatMessage> messages,
        List<ToolDefinition> tools,
        ToolChoice toolChoice,
        int maxTokens,
        @Nullable Double temperature,
        List<String> stopSequences,
        boolean implicitPromptCaching,
        String cacheScope) {

    public ChatRequest {
        Objects.requireNonNull(model);
        system = List.copyOf(system);
        messages = List.copyOf(messages);
        tools = List.copyOf(tools);
        Objects.requireNonNull(toolChoice);
        stopSequences = List.copyOf(stopSequences);
        Objects.requireNonNull(cacheScope);
        if (maxTokens < 1) {
            throw new IllegalArgumentException("maxTokens is at least 1");
        }
    }

    public ChatRequest withMaxTokens(int newMaxTokens) {
        return new ChatRequest(
                model,
                system,
                messages,
                tools,
                toolChoice,
                newMaxTokens,
                temperature,
                stopSequences,
                implicitPromptCaching,
                cacheScope);
    }
}
