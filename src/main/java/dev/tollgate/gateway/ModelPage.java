package dev.tollgate.gateway;

import dev.tollgate.web.ApiError;
import dev.tollgate.web.ApiException;
import java.util.List;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * One page of the model list by Anthropic's cursor rules: {@code limit} 1–1000 items, after {@code after_id} or
 * before {@code before_id}; {@code hasMore} says whether more lie in the direction asked.
 */
record ModelPage<T>(List<T> items, boolean hasMore) {

    static final int DEFAULT_SIZE = 20;
    private static final int LARGEST_PAGE = 1000;

    /** The whole list as one page, for callers that do not page (OpenAI's SDKs). */
    static <T> ModelPage<T> whole(List<T> all) {
        return new ModelPage<>(all, false);
    }

    static <T> ModelPage<T> of(
            List<T> all,
            Function<T, String> idOf,
            @Nullable Integer limit,
            @Nullable String afterId,
            @Nullable String beforeId) {
        int size = limit == null ? DEFAULT_SIZE : limit;
        if (size < 1 || size > LARGEST_PAGE) {
            throw new ApiException(ApiError.invalidRequest("limit must be between 1 and " + LARGEST_PAGE, "limit"));
        }
        int from = 0;
        int to = all.size();
        if (afterId != null) {
            from = indexOf(all, idOf, afterId, "after_id") + 1;
        }
        if (beforeId != null) {
            to = indexOf(all, idOf, beforeId, "before_id");
            from = Math.max(from, to - size);
        }
        int end = Math.min(to, from + size);
        return new ModelPage<>(all.subList(Math.min(from, end), end), end < to || (beforeId != null && from > 0));
    }

    private static <T> int indexOf(List<T> all, Function<T, String> idOf, String id, String param) {
        for (int i = 0; i < all.size(); i++) {
            if (idOf.apply(all.get(i)).equals(id)) {
                return i;
            }
        }
        throw new ApiException(ApiError.invalidRequest("No model with id '" + id + "' to page from", param));
    }
}
