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

    static ModelList of(List<ModelObject> page, boolean hasMore) {
        return new ModelList(
                "list",
                page,
                hasMore,
                page.isEmpty() ? null : page.getFirst().id(),
                page.isEmpty() ? null : page.getLast().id());
    }
}
