package dev.tollgate.gateway.responses;

import dev.tollgate.catalog.TokenCounts;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Response object around a reply's output: its id, the model as the caller named it, the request's settings
 * repeated, the status and the usage, in the shape the SDKs read (every field they require present, null where
 * nothing applies).
 */
final class ResponseShell {

    enum Status {
        IN_PROGRESS("in_progress"),
        COMPLETED("completed"),
        INCOMPLETE("incomplete"),
        FAILED("failed");

        final String wire;

        Status(String wire) {
            this.wire = wire;
        }
    }

    private final JsonMapper json;
    private final String id;
    private final long createdAt;
    private final String model;
    private final ObjectNode echo;

    ResponseShell(JsonMapper json, String id, long createdAt, String model, ObjectNode echo) {
        this.json = json;
        this.id = id;
        this.createdAt = createdAt;
        this.model = model;
        this.echo = echo;
    }

    String id() {
        return id;
    }

    String model() {
        return model;
    }

    ObjectNode echo() {
        return echo;
    }

    /**
     * @param incompleteReason {@code max_output_tokens} or {@code content_filter} for an incomplete response
     * @param failure the error message of a failed response
     */
    ObjectNode response(
            Status status,
            List<ObjectNode> output,
            @Nullable TokenCounts usage,
            long reasoningTokens,
            @Nullable String incompleteReason,
            @Nullable String failure) {
        ObjectNode response = json.createObjectNode();
        response.put("id", id);
        response.put("object", "response");
        response.put("created_at", createdAt);
        response.put("status", status.wire);
        response.put("background", false);
        if (failure == null) {
            response.putNull("error");
        } else {
            response.putObject("error").put("code", "server_error").put("message", failure);
        }
        if (incompleteReason == null) {
            response.putNull("incomplete_details");
        } else {
            response.putObject("incomplete_details").put("reason", incompleteReason);
        }
        response.put("model", model);
        response.putArray("output").addAll(output);
        response.setAll(echo.deepCopy());
        if (usage == null) {
            response.putNull("usage");
        } else {
            ObjectNode counts = response.putObject("usage");
            counts.put("input_tokens", usage.prompt());
            counts.putObject("input_tokens_details").put("cached_tokens", usage.cacheRead());
            counts.put("output_tokens", usage.output());
            counts.putObject("output_tokens_details").put("reasoning_tokens", reasoningTokens);
            counts.put("total_tokens", usage.total());
        }
        return response;
    }

    /** The item ids of this response: the kind's prefix, the response's own part, the item's place in the output. */
    String itemId(String prefix, int outputIndex) {
        return prefix + "_" + id.substring(id.indexOf('_') + 1) + "_" + outputIndex;
    }
}
