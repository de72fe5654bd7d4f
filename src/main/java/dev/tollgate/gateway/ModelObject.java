package dev.tollgate.gateway;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.tollgate.catalog.CatalogModel;
import java.time.format.DateTimeFormatter;
import org.jspecify.annotations.Nullable;

/**
 * A model as OpenAI callers get it: OpenAI's {@code id/object/created/owned_by}, with Anthropic's
 * {@code type/display_name/created_at} beside them for clients that read those (they do not collide); Anthropic
 * callers get {@link AnthropicModel}. Like Anthropic's model objects it
 * states the largest {@code max_tokens} a chat model accepts ({@code max_tokens}) and its context window
 * ({@code max_input_tokens}).
 */
record ModelObject(
        String id,
        String object,
        long created,
        @JsonProperty("owned_by") String ownedBy,
        String type,
        @JsonProperty("display_name") String displayName,
        @JsonProperty("created_at") String createdAt,
        String kind,
        @JsonProperty("max_input_tokens") @Nullable Integer maxInputTokens,
        @JsonProperty("max_tokens") @Nullable Integer maxTokens) {

    static ModelObject of(CatalogModel model) {
        return new ModelObject(
                model.id().value(),
                "model",
                model.createdAt().getEpochSecond(),
                model.id().owner(),
                "model",
                model.name(),
                DateTimeFormatter.ISO_INSTANT.format(model.createdAt()),
                model.kind().name().toLowerCase(java.util.Locale.ROOT),
                model.contextWindow(),
                model.maxOutputTokens());
    }
}
