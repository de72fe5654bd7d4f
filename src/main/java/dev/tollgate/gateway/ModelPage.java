package dev.tollgate.gateway;

import dev.tollgate.web.ApiError;
import dev.tollgate.web.ApiException;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Cursor paging over the model list, as Anthropic's {@code GET /v1/models} defines it. */
final class ModelPage {

    private static final int LARGEST_PAGE = 1000;

    private ModelPage() {}

    static ModelList of(
            List<ModelObject> all, @Nullable Integer limit, @Nullable String afterId, @Nullable String beforeId) {
        if (limit == null && afterId == null && beforeId == null) {
            return ModelList.of(all, false);
        }
        int size = limit == null ? 20 : limit;
        if (size < 1 || size > LARGEST_PAGE) {
            throw new ApiException(ApiError.invalidRequest("limit must be between 1 and " + LARGEST_PAGE, "limit"));
        }
        int from = 0;
        int to = all.size();
        if (afterId != null) {
            from = indexOf(all, afterId, "after_id") + 1;
        }
        if (beforeId != null) {
            to = indexOf(all, beforeId, "before_id");
            from = Math.max(from, to - size);
        }
        int end = Math.min(to, from + size);
        return ModelList.of(all.subList(Math.min(from, end), end), end < to || (beforeId != null && from > 0));
    }

    private static int indexOf(List<ModelObject> all, String id, String param) {
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i).id().equals(id)) {
                return i;
            }
        }
        throw new ApiException(ApiError.invalidRequest("No model with id '" + id + "' to page from", param));
    }
}
