package dev.tollgate.provider.anthropic;

import dev.tollgate.caller.Dialect;
import dev.tollgate.provider.RequestExtras;
import dev.tollgate.provider.StructuredOutput;
import dev.tollgate.provider.UnsupportedFieldException;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What an Anthropic Messages upstream receives of the fields a request carried beyond the canonical ones. From
 * Anthropic's dialect they go into the body as sent, with the {@code anthropic-beta} header. From OpenAI's, each field
 * is translated where Messages has an equivalent ({@code top_p}, {@code user} as {@code metadata.user_id}, {@code
 * parallel_tool_calls: false} as {@code disable_parallel_tool_use}, {@code service_tier}, a {@code response_format}
 * JSON schema as {@code output_config.format}), accepted without effect when it only steers OpenAI's own caching
 * ({@code prompt_cache_key}), and refused by name where it has none; the {@code openai-beta} header stays behind. The table in docs/request-fields.md lists every field.
 */
final class AnthropicExtras {

    private static final String API = "Anthropic's Messages API";

    private AnthropicExtras() {}

    /** Adds the carried fields to {@code body}, translated when the request came in another dialect. */
    static void apply(RequestExtras extras, ObjectNode body) {
        if (extras.fields().isEmpty()) {
            return;
        }
        if (extras.dialect() == Dialect.ANTHROPIC) {
            extras.fields().forEach(body::set);
            return;
        }
        for (Map.Entry<String, JsonNode> field : extras.meaningfulFields().entrySet()) {
            translate(field.getKey(), field.getValue(), body);
        }
    }

    /** The beta header to send on, when the request came in this dialect. */
    static Map<String, List<String>> headers(RequestExtras extras) {
        return extras.dialect() == Dialect.ANTHROPIC ? extras.headers() : Map.of();
    }

    private static void translate(String name, JsonNode value, ObjectNode body) {
        switch (name) {
            case "top_p" -> body.set("top_p", value);
            case "user" -> {
                if (!value.isString()) {
                    throw UnsupportedFieldException.valueWithoutEquivalentIn("user", API, "a string");
                }
                body.putObject("metadata").set("user_id", value);
            }
            case "parallel_tool_calls" -> {
                // only false gets here (true is the default); without tools there is nothing to call in parallel
                if (body.get("tool_choice") instanceof ObjectNode choice) {
                    choice.put("disable_parallel_tool_use", true);
                }
            }
            case "service_tier" -> body.put("service_tier", serviceTier(value));
            case "response_format" -> outputFormat(value, body);
            case "prompt_cache_key" -> {
                // a hint that steers OpenAI's routing to its caches; Anthropic caches the prefixes a request marks
            }
            default -> throw UnsupportedFieldException.noEquivalentIn(name, API);
        }
    }

    /**
     * A JSON schema becomes {@code output_config.format}, which Anthropic always enforces ({@code strict} or not).
     * JSON mode has no equivalent: Anthropic takes a schema only, and one that allows any object constrains nothing.
     */
    private static void outputFormat(JsonNode responseFormat, ObjectNode body) {
        StructuredOutput output = StructuredOutput.ofResponseFormat(responseFormat);
        if (output.kind() == StructuredOutput.Kind.JSON_OBJECT) {
            throw UnsupportedFieldException.valueWithoutEquivalentIn(
                    "response_format", API, "{\"type\":\"json_schema\",…} or {\"type\":\"text\"}");
        }
        JsonNode config = body.get("output_config");
        ObjectNode outputConfig = config instanceof ObjectNode existing ? existing : body.putObject("output_config");
        outputConfig.set("format", output.anthropicFormat());
    }

    private static String serviceTier(JsonNode tier) {
        return switch (tier.asString("")) {
            case "auto" -> "auto";
            case "default" -> "standard_only";
            default ->
                throw UnsupportedFieldException.valueWithoutEquivalentIn(
                        "service_tier", API, "\"auto\" or \"default\"");
        };
    }
}
