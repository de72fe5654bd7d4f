package dev.tollgate.gateway.responses;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The request's settings as a Response object repeats them: what the caller sent, or the Responses API's default for
 * what it left out, so the SDKs find every field they require.
 */
final class ResponseEcho {

    private final JsonMapper json;

    ResponseEcho(JsonMapper json) {
        this.json = json;
    }

    ObjectNode of(
            JsonNode body,
            @Nullable String instructions,
            @Nullable JsonNode metadata,
            boolean store,
            @Nullable String truncation,
            @Nullable String user,
            @Nullable String previousResponseId) {
        ObjectNode echo = json.createObjectNode();
        echo.put("instructions", instructions);
        echo.set("tools", sentOr(body, "tools", json.createArrayNode()));
        echo.set(
                "tool_choice", sentOr(body, "tool_choice", json.getNodeFactory().stringNode("auto")));
        echo.set(
                "parallel_tool_calls",
                sentOr(body, "parallel_tool_calls", json.getNodeFactory().booleanNode(true)));
        echo.set(
                "temperature", sentOr(body, "temperature", json.getNodeFactory().numberNode(1.0)));
        echo.set("top_p", sentOr(body, "top_p", json.getNodeFactory().numberNode(1.0)));
        echo.set(
                "max_output_tokens",
                sentOr(body, "max_output_tokens", json.getNodeFactory().nullNode()));
        echo.put("previous_response_id", previousResponseId);
        ObjectNode reasoning = echo.putObject("reasoning");
        reasoning.set(
                "effort",
                sentOr(body.path("reasoning"), "effort", json.getNodeFactory().nullNode()));
        reasoning.set(
                "summary",
                sentOr(body.path("reasoning"), "summary", json.getNodeFactory().nullNode()));
        ObjectNode text = echo.putObject("text");
        text.set(
                "format",
                sentOr(body.path("text"), "format", json.createObjectNode().put("type", "text")));
        text.set(
                "verbosity",
                sentOr(body.path("text"), "verbosity", json.getNodeFactory().stringNode("medium")));
        echo.set("metadata", metadata == null ? json.createObjectNode() : metadata);
        echo.put("store", store);
        echo.put("truncation", truncation == null ? "disabled" : truncation);
        echo.put("user", user);
        for (String field : new String[] {"prompt_cache_key", "safety_identifier", "service_tier"}) {
            JsonNode value = body.get(field);
            if (value != null && !value.isNull()) {
                echo.set(field, value);
            }
        }
        return echo;
    }

    private static JsonNode sentOr(JsonNode parent, String field, JsonNode fallback) {
        JsonNode value = parent.get(field);
        return value == null || value.isNull() ? fallback : value;
    }
}
