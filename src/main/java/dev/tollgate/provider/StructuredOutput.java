package dev.tollgate.provider;

import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The shape a caller wants the reply's text in, read from either dialect's field: OpenAI's {@code response_format}
 * ({@code json_object}, or {@code json_schema} with a name, a schema and {@code strict}) or Anthropic's
 * {@code output_config.format} ({@code json_schema} with a schema, also sent as the older {@code output_format}). Channels of the other dialect translate it, the
 * simulator answers it; both need the same reading of the field, so it lives here once.
 *
 * @param name the schema's name as the caller gave it, or {@link #DEFAULT_NAME}
 * @param schema the JSON Schema the reply must satisfy; for {@link Kind#JSON_OBJECT}, {@code {"type":"object"}}
 * @param strict the caller's {@code strict} flag, {@code null} when it sent none
 */
public record StructuredOutput(
        Kind kind, String name, JsonNode schema, @Nullable Boolean strict) {

    /**
     * The beta field Anthropic's {@code output_config.format} replaced ({@code structured-outputs-2025-11-13}); the API
     * still takes it and clients built before the change (Vercel's AI SDK among them) still send it. Same shape.
     */
    public static final String BETA_OUTPUT_FORMAT = "output_format";

    /** The name a schema goes by upstream when the caller's dialect has none (Anthropic's format is unnamed). */
    public static final String DEFAULT_NAME = "response";

    public enum Kind {
        /** Any JSON object (OpenAI's JSON mode). */
        JSON_OBJECT,
        /** JSON that satisfies a schema. */
        JSON_SCHEMA
    }

    private static final JsonNode ANY_OBJECT =
            JsonNodeFactory.instance.objectNode().put("type", "object");

    /**
     * The structured output {@code extras} asks for, if any: OpenAI's {@code response_format} other than
     * {@code text}, or Anthropic's {@code output_config.format}.
     *
     * @throws UnsupportedFieldException naming the part of the field that is malformed
     */
    public static Optional<StructuredOutput> of(RequestExtras extras) {
        Map<String, JsonNode> fields = extras.meaningfulFields();
        return switch (extras.dialect()) {
            case OPENAI, RESPONSES ->
                Optional.ofNullable(fields.get("response_format")).map(StructuredOutput::ofResponseFormat);
            case ANTHROPIC ->
                Optional.ofNullable(fields.get("output_config"))
                        .map(config -> config.get("format"))
                        .or(() -> Optional.ofNullable(fields.get(BETA_OUTPUT_FORMAT)))
                        .filter(format -> !format.isNull())
                        .map(StructuredOutput::ofOutputFormat);
        };
    }

    /** OpenAI's {@code response_format}, without its default ({@code text}), which needs no reading. */
    public static StructuredOutput ofResponseFormat(JsonNode format) {
        return switch (format.path("type").asString("")) {
            case "json_object" -> new StructuredOutput(Kind.JSON_OBJECT, DEFAULT_NAME, ANY_OBJECT, null);
            case "json_schema" -> {
                JsonNode definition = format.path("json_schema");
                if (!definition.isObject()) {
                    throw malformed("response_format.json_schema", "must be an object with a name and a schema.");
                }
                JsonNode name = definition.path("name");
                JsonNode strict = definition.path("strict");
                yield new StructuredOutput(
                        Kind.JSON_SCHEMA,
                        name.isString() ? name.asString() : DEFAULT_NAME,
                        schemaOf(definition.get("schema"), "response_format.json_schema.schema"),
                        strict.isBoolean() ? strict.booleanValue() : null);
            }
            default -> throw malformed("response_format.type", "must be text, json_object or json_schema.");
        };
    }

    /** Anthropic's {@code output_config.format}, whose only type is {@code json_schema}. */
    public static StructuredOutput ofOutputFormat(JsonNode format) {
        if (!"json_schema".equals(format.path("type").asString(""))) {
            throw malformed("output_config.format.type", "must be json_schema.");
        }
        return new StructuredOutput(
                Kind.JSON_SCHEMA, DEFAULT_NAME, schemaOf(format.get("schema"), "output_config.format.schema"), null);
    }

    /** Anthropic's {@code output_config.format} for this output; only a schema has one. */
    public ObjectNode anthropicFormat() {
        ObjectNode format = JsonNodeFactory.instance.objectNode().put("type", "json_schema");
        format.set("schema", schema);
        return format;
    }

    private static JsonNode schemaOf(@Nullable JsonNode schema, String path) {
        if (schema == null || !schema.isObject()) {
            throw malformed(path, "must be a JSON Schema object.");
        }
        return schema;
    }

    private static UnsupportedFieldException malformed(String path, String problem) {
        return new UnsupportedFieldException(path, path + " " + problem);
    }
}
