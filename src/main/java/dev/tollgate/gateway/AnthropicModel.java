package dev.tollgate.gateway;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.tollgate.catalog.CatalogModel;
import java.time.format.DateTimeFormatter;
import org.jspecify.annotations.Nullable;

/**
 * A model in Anthropic's shape ({@code type}, {@code id}, {@code display_name}, {@code created_at} as RFC 3339,
 * {@code lifecycle}: every model on sale is {@code active}), with the largest {@code max_tokens} a chat model accepts and its context window ({@code max_input_tokens}).
 */
record AnthropicModel(
        String type,
        String id,
        @JsonProperty("display_name") String displayName,
        @JsonProperty("created_at") String createdAt,
        String lifecycle,
        @JsonProperty("max_input_tokens") @Nullable Integer maxInputTokens,
        @JsonProperty("max_tokens") @Nullable Integer maxTokens) {

    static AnthropicModel of(CatalogModel model) {
        return new AnthropicModel(
                "model",
                model.id().value(),
                model.name(),
                DateTimeFormatter.ISO_INSTANT.format(model.createdAt()),
                "active",
                model.contextWindow(),
                model.maxOutputTokens());
    }
}
