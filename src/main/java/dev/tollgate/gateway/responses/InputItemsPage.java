package dev.tollgate.gateway.responses;

import dev.tollgate.gateway.wire.RequestFields;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/**
 * One page of a response's input items in list order, between the cursors the caller gave ({@code after} and
 * {@code before} are item ids of the same list; an id not in it is a 400 naming the cursor).
 */
record InputItemsPage(List<ObjectNode> data, boolean hasMore) {

    static InputItemsPage of(List<ObjectNode> ordered, @Nullable String after, @Nullable String before, int limit) {
        int from = after == null ? 0 : position(ordered, after, "after") + 1;
        int to = before == null ? ordered.size() : position(ordered, before, "before");
        if (to < from) {
            return new InputItemsPage(List.of(), false);
        }
        int end = Math.min(to, from + limit);
        return new InputItemsPage(ordered.subList(from, end), end < to);
    }

    Map<String, Object> body() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("object", "list");
        body.put("data", data);
        body.put("first_id", data.isEmpty() ? null : InputItemIds.id(data.getFirst()));
        body.put("last_id", data.isEmpty() ? null : InputItemIds.id(data.getLast()));
        body.put("has_more", hasMore);
        return body;
    }

    private static int position(List<ObjectNode> ordered, String cursor, String param) {
        for (int i = 0; i < ordered.size(); i++) {
            if (cursor.equals(InputItemIds.id(ordered.get(i)))) {
                return i;
            }
        }
        throw RequestFields.invalid("No input item " + cursor + " in this response.", param);
    }
}
