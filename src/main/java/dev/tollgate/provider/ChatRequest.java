package dev.tollgate.provider;

import dev.tollgate.caller.Dialect;
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
 * @param extras the dialect it arrived in, and what it carried that the fields above do not model
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
        String cacheScope,
        RequestExtras extras) {

    public ChatRequest {
        Objects.requireNonNull(model);
        system = List.copyOf(system);
        messages = List.copyOf(messages);
        tools = List.copyOf(tools);
        Objects.requireNonNull(toolChoice);
        stopSequences = List.copyOf(stopSequences);
        Objects.requireNonNull(cacheScope);
        Objects.requireNonNull(extras);
        if (maxTokens < 1) {
            throw new IllegalArgumentException("maxTokens is at least 1");
        }
    }

    /** A request that carries nothing beyond the fields the gateway models (the playground's, for one). */
    public ChatRequest(
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
        this(
                model,
                system,
                messages,
                tools,
                toolChoice,
                maxTokens,
                temperature,
                stopSequences,
                implicitPromptCaching,
                cacheScope,
                RequestExtras.none(implicitPromptCaching ? Dialect.OPENAI : Dialect.ANTHROPIC));
    }

    /** The same request naming the catalog model that serves it (an alias or a native id resolves to one). */
    public ChatRequest withModel(ModelId servingModel) {
        return new ChatRequest(
                servingModel,
                system,
                messages,
                tools,
                toolChoice,
                maxTokens,
                temperature,
                stopSequences,
                implicitPromptCaching,
                cacheScope,
                extras);
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
                cacheScope,
                extras);
    }
}
