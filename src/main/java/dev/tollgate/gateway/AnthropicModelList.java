package dev.tollgate.gateway;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Anthropic's {@code GET /v1/models} page: the models, whether more follow, and the cursors at either end. */
record AnthropicModelList(
        List<AnthropicModel> data,
        @JsonProperty("has_more") boolean hasMore,
        @JsonProperty("first_id") @Nullable String firstId,
        @JsonProperty("last_id") @Nullable String lastId) {

    static AnthropicModelList of(ModelPage<AnthropicModel> page) {
        List<AnthropicModel> items = page.items();
        return new AnthropicModelList(
                items,
                page.hasMore(),
                items.isEmpty() ? null : items.getFirst().id(),
                items.isEmpty() ? null : items.getLast().id());
    }
}
