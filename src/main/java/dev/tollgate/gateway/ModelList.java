package dev.tollgate.gateway;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** OpenAI's list envelope with Anthropic's paging fields beside it. */
record ModelList(
        String object,
        List<ModelObject> data,
        @JsonProperty("has_more") boolean hasMore,
        @JsonProperty("first_id") @Nullable String firstId,
        @JsonProperty("last_id") @Nullable String lastId) {

    static ModelList of(ModelPage<ModelObject> page) {
        List<ModelObject> items = page.items();
        return new ModelList(
                "list",
                items,
                page.hasMore(),
                items.isEmpty() ? null : items.getFirst().id(),
                items.isEmpty() ? null : items.getLast().id());
    }
}
