package dev.tollgate.provider.openai;

import dev.tollgate.caller.Dialect;
import dev.tollgate.provider.RequestExtras;
import dev.tollgate.provider.StructuredOutput;
import dev.tollgate.provider.UnsupportedFieldException;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What a Chat Completions upstream receives of the fields a request carried beyond the canonical ones. From OpenAI's
 * dialect they go into the body as sent, with the {@code openai-beta} header. From Anthropic's, each field is
 * translated where Chat Completions has an equivalent ({@code top_p}, {@code metadata.user_id} as {@code user}, {@code
 * service_tier}, {@code output_config.format} as a strict {@code response_format} JSON schema) and refused by name where it has none; the {@code anthropic-beta} header only enables fields that
 * are themselves translated or refused, so it stays behind. The table in docs/request-fields.md lists every field.
 */
final class OpenAiExtras {

    private static final String API = "OpenAI's Chat Completions";

    private OpenAiExtras() {}

    /** Adds the carried fields to {@code body}, translated when the request came in another dialect. */
    static void apply(RequestExtras extras, ObjectNode body) {
        if (extras.fields().isEmpty()) {
            return;
        }
        if (extras.dialect() == Dialect.OPENAI) {
            extras.fields().forEach(body::set);
            return;
        }
        for (Map.Entry<String, JsonNode> field : extras.meaningfulFields().entrySet()) {
            translate(field.getKey(), field.getValue(), body);
        }
    }

    /** The beta header to send on, when the request came in this dialect. */
    static Map<String, List<String>> headers(RequestExtras extras) {
        return extras.dialect() == Dialect.OPENAI ? extras.headers() : Map.of();
    }

    private static void translate(String name, JsonNode value, ObjectNode body) {
        switch (name) {
            case "top_p" -> body.set("top_p", value);
            case "metadata" -> userOf(value, body);
            case "service_tier" -> body.put("service_tier", serviceTier(value));
            case "output_config" -> responseFormat(value, body);
            case StructuredOutput.BETA_OUTPUT_FORMAT -> schemaFormat(StructuredOutput.ofOutputFormat(value), body);
            default -> throw UnsupportedFieldException.noEquivalentIn(name, API);
        }
    }

    /** Anthropic's metadata holds only {@code user_id}, which Chat Completions calls {@code user}. */
    private static void userOf(JsonNode metadata, ObjectNode body) {
        if (!metadata.isObject()) {
            throw UnsupportedFieldException.valueWithoutEquivalentIn("metadata", API, "{\"user_id\": \"…\"}");
        }
        for (Map.Entry<String, JsonNode> entry : metadata.properties()) {
            if (!"user_id".equals(entry.getKey())) {
                throw UnsupportedFieldException.noEquivalentIn("metadata." + entry.getKey(), API);
            }
            if (!entry.getValue().isNull()) {
                body.set("user", entry.getValue());
            }
        }
    }

    /**
     * {@code output_config.format} becomes a strict {@code response_format} JSON schema: Anthropic enforces the schema
     * it is given, and strict mode is how Chat Completions does. Other settings of {@code output_config} have no
     * equivalent.
     */
    private static void responseFormat(JsonNode outputConfig, ObjectNode body) {
        if (!outputConfig.isObject()) {
            throw new UnsupportedFieldException("output_config", "output_config must be an object.");
        }
        for (Map.Entry<String, JsonNode> setting : outputConfig.properties()) {
            if (setting.getValue().isNull()) {
                continue;
            }
            if (!"format".equals(setting.getKey())) {
                throw UnsupportedFieldException.noEquivalentIn("output_config." + setting.getKey(), API);
            }
            schemaFormat(StructuredOutput.ofOutputFormat(setting.getValue()), body);
        }
    }

    private static void schemaFormat(StructuredOutput output, ObjectNode body) {
        ObjectNode format = body.putObject("response_format").put("type", "json_schema");
        ObjectNode definition = format.putObject("json_schema").put("name", output.name());
        definition.set("schema", output.schema());
        definition.put("strict", true);
    }

    private static String serviceTier(JsonNode tier) {
        return switch (tier.asString("")) {
            case "auto" -> "auto";
            case "standard_only" -> "default";
            default ->
                throw UnsupportedFieldException.valueWithoutEquivalentIn(
                        "service_tier", API, "\"auto\" or \"standard_only\"");
        };
    }
}
