package dev.tollgate.gateway.responses;

import dev.tollgate.apikey.AuthenticatedKey;
import dev.tollgate.gateway.wire.RequestFields;
import dev.tollgate.responses.ResponseStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.node.ObjectNode;

/**
 * The stored side of the Responses API: read a response, list its input items, delete it. Only the caller's team's
 * responses exist here; any other id is a 404, as is one past its retention.
 */
@RestController
class StoredResponsesController {

    private final ResponseStore store;

    StoredResponsesController(ResponseStore store) {
        this.store = store;
    }

    @GetMapping({"/v1/responses/{id}", "/api/v1/responses/{id}"})
    ObjectNode get(
            @AuthenticationPrincipal AuthenticatedKey key,
            @PathVariable String id,
            @RequestParam(name = "stream", required = false) @Nullable Boolean stream,
            @RequestParam(name = "include", required = false) @Nullable List<String> include,
            @RequestParam(name = "include[]", required = false) @Nullable List<String> includeBracketed) {
        if (Boolean.TRUE.equals(stream)) {
            throw RequestFields.invalid(
                    "stream is only for background responses, which this gateway does not run; read the stored"
                            + " response without it.",
                    "stream");
        }
        if (include != null || includeBracketed != null) {
            throw RequestFields.invalid(
                    "include cannot add to a stored response; a response is kept as it was returned, so ask for"
                            + " what it should include when creating it.",
                    "include");
        }
        return store.find(key.teamId(), id).orElseThrow(() -> StoredResponseErrors.notFound(id, null));
    }

    @DeleteMapping({"/v1/responses/{id}", "/api/v1/responses/{id}"})
    Map<String, Object> delete(@AuthenticationPrincipal AuthenticatedKey key, @PathVariable String id) {
        if (!store.delete(key.teamId(), id)) {
            throw StoredResponseErrors.notFound(id, null);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", id);
        body.put("object", "response.deleted");
        body.put("deleted", true);
        return body;
    }

    @GetMapping({"/v1/responses/{id}/input_items", "/api/v1/responses/{id}/input_items"})
    Map<String, Object> inputItems(
            @AuthenticationPrincipal AuthenticatedKey key,
            @PathVariable String id,
            @RequestParam(name = "after", required = false) @Nullable String after,
            @RequestParam(name = "before", required = false) @Nullable String before,
            @RequestParam(name = "limit", required = false) @Nullable Integer limit,
            @RequestParam(name = "order", required = false) @Nullable String order,
            @RequestParam(name = "include", required = false) @Nullable List<String> include,
            @RequestParam(name = "include[]", required = false) @Nullable List<String> includeBracketed) {
        int size = limit == null ? 20 : limit;
        if (size < 1 || size > 100) {
            throw RequestFields.invalid("limit must be between 1 and 100.", "limit");
        }
        if (order != null && !order.equals("asc") && !order.equals("desc")) {
            throw RequestFields.invalid("order must be 'asc' or 'desc'.", "order");
        }
        if (include != null || includeBracketed != null) {
            throw RequestFields.invalid(
                    "include cannot add to stored input items; they are listed as they were sent.", "include");
        }
        List<ObjectNode> sent =
                store.inputItems(key.teamId(), id).orElseThrow(() -> StoredResponseErrors.notFound(id, null));
        List<ObjectNode> listed = new ArrayList<>(sent.size());
        for (int i = 0; i < sent.size(); i++) {
            listed.add(InputItemIds.listed(id, i, sent.get(i)));
        }
        // OpenAI lists the newest item first unless asked otherwise
        if (!"asc".equals(order)) {
            listed = listed.reversed();
        }
        return InputItemsPage.of(listed, after, before, size).body();
    }
}
