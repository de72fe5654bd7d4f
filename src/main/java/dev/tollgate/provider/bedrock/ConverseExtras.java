package dev.tollgate.provider.bedrock;

import dev.tollgate.caller.Dialect;
import dev.tollgate.provider.RequestExtras;
import dev.tollgate.provider.StructuredOutput;
import dev.tollgate.provider.UnsupportedFieldException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.core.document.Document;
import software.amazon.awssdk.services.bedrockruntime.model.JsonSchemaDefinition;
import software.amazon.awssdk.services.bedrockruntime.model.OutputConfig;
import software.amazon.awssdk.services.bedrockruntime.model.OutputFormatStructure;
import software.amazon.awssdk.services.bedrockruntime.model.OutputFormatType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * What a Converse request receives of the fields a request carried beyond the canonical ones. {@code top_p} (both
 * dialects) is Converse's {@code inferenceConfig.topP}. On Anthropic models, whose native fields Converse takes in
 * {@code additionalModelRequestFields}, the Messages fields Claude Code sends on every turn go there as sent ({@code
 * top_k}, {@code thinking}, whose blocks come back as Converse's reasoning content, {@code context_management} and the
 * settings of {@code output_config} other than its format), and the {@code anthropic-beta} header as {@code
 * anthropic_beta}; Messages {@code metadata} (string values, as {@code user_id} is) becomes Converse's {@code
 * requestMetadata}, which Bedrock keeps with its invocation logs. A JSON schema for the reply (OpenAI's {@code
 * response_format}, Anthropic's {@code output_config.format}) is Converse's {@code outputConfig.textFormat}.
 * Everything else is refused by name: Converse has no equivalent.
 *
 * @param topP the nucleus-sampling cut-off, when the caller set one
 * @param additional native fields for the model, empty when there are none
 * @param outputConfig the JSON schema the reply must satisfy, when the caller set one
 * @param requestMetadata the caller's metadata about the request, empty when there is none
 */
record ConverseExtras(
        @Nullable Float topP,
        Map<String, Document> additional,
        @Nullable OutputConfig outputConfig,
        Map<String, String> requestMetadata) {

    private static final String API = "Bedrock's Converse API";
    private static final ConverseExtras NONE = new ConverseExtras(null, Map.of(), null, Map.of());

    /** Anthropic's own fields that an Anthropic model on Bedrock takes as sent, beside Converse's. */
    private static final Set<String> NATIVE_FIELDS = Set.of("top_k", "thinking", "context_management");

    /** Converse's limits on {@code requestMetadata}: entries, and characters of a key and of a value. */
    private static final int METADATA_ENTRIES = 16;

    private static final int METADATA_CHARACTERS = 256;

    /** @throws UnsupportedFieldException naming the first field Converse cannot carry to {@code modelId} */
    static ConverseExtras of(RequestExtras extras, String modelId) {
        if (extras.isEmpty()) {
            return NONE;
        }
        boolean anthropicModel = modelId.contains("anthropic.");
        boolean anthropicCaller = extras.dialect() == Dialect.ANTHROPIC && anthropicModel;
        Float topP = null;
        OutputConfig outputConfig = null;
        Map<String, Document> additional = new LinkedHashMap<>();
        Map<String, String> requestMetadata = Map.of();
        for (Map.Entry<String, JsonNode> field : extras.meaningfulFields().entrySet()) {
            String name = field.getKey();
            JsonNode value = field.getValue();
            if ("top_p".equals(name)) {
                if (!value.isNumber()) {
                    throw new UnsupportedFieldException(name, "top_p must be a number.");
                }
                topP = value.floatValue();
            } else if ("output_config".equals(name) && anthropicCaller) {
                outputConfig = value.has("format") ? outputConfig(name, formatOnly(value)) : null;
                JsonNode settings = withoutFormat(value);
                if (!settings.isEmpty()) {
                    additional.put(name, JsonDocument.of(settings));
                }
            } else if (asksForStructuredOutput(name, extras.dialect())) {
                outputConfig = outputConfig(name, value);
            } else if (NATIVE_FIELDS.contains(name) && anthropicCaller) {
                additional.put(name, JsonDocument.of(value));
            } else if ("metadata".equals(name) && anthropicCaller) {
                requestMetadata = requestMetadata(value);
            } else if ("prompt_cache_key".equals(name)) {
                // a hint that steers OpenAI's routing to its caches; Bedrock caches the prefixes a request marks
            } else {
                throw UnsupportedFieldException.noEquivalentIn(name, API);
            }
        }
        List<String> betas = extras.header(RequestExtras.ANTHROPIC_BETA);
        if (anthropicCaller && !betas.isEmpty()) {
            additional.put(
                    "anthropic_beta",
                    Document.fromList(betas.stream()
                            .flatMap(value -> List.of(value.split(",")).stream())
                            .map(String::strip)
                            .filter(beta -> !beta.isEmpty())
                            .map(Document::fromString)
                            .toList()));
        }
        return new ConverseExtras(topP, additional, outputConfig, requestMetadata);
    }

    private static JsonNode formatOnly(JsonNode outputConfig) {
        ObjectNode format = JsonNodeFactory.instance.objectNode();
        format.set("format", outputConfig.get("format"));
        return format;
    }

    /** The settings of an {@code output_config} object other than its format (an effort level, say). */
    private static JsonNode withoutFormat(JsonNode outputConfig) {
        if (!outputConfig.isObject()) {
            throw new UnsupportedFieldException("output_config", "output_config must be an object.");
        }
        ObjectNode settings = ((ObjectNode) outputConfig).deepCopy();
        settings.remove("format");
        return settings;
    }

    private static Map<String, String> requestMetadata(JsonNode metadata) {
        if (!metadata.isObject()) {
            throw new UnsupportedFieldException("metadata", "metadata must be an object.");
        }
        if (metadata.size() > METADATA_ENTRIES) {
            throw new UnsupportedFieldException(
                    "metadata",
                    "metadata cannot be honoured: " + API + " keeps at most " + METADATA_ENTRIES + " entries.");
        }
        Map<String, String> entries = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : metadata.properties()) {
            String name = "metadata." + entry.getKey();
            JsonNode value = entry.getValue();
            if (value.isNull()) {
                continue;
            }
            if (!value.isString()) {
                throw new UnsupportedFieldException(
                        name, name + " cannot be honoured: " + API + " keeps string metadata values only.");
            }
            if (entry.getKey().isEmpty()
                    || entry.getKey().length() > METADATA_CHARACTERS
                    || value.asString().length() > METADATA_CHARACTERS) {
                throw new UnsupportedFieldException(
                        name,
                        name + " cannot be honoured: " + API
                                + " keeps metadata keys of 1 to 256 characters and values of up to 256.");
            }
            entries.put(entry.getKey(), value.asString());
        }
        return entries;
    }

    private static boolean asksForStructuredOutput(String name, Dialect dialect) {
        return dialect == Dialect.OPENAI
                ? "response_format".equals(name)
                : "output_config".equals(name) || StructuredOutput.BETA_OUTPUT_FORMAT.equals(name);
    }

    /**
     * A JSON schema becomes {@code outputConfig.textFormat}, whose schema Converse takes as JSON text. JSON mode has no
     * equivalent (Converse takes a schema only), nor has anything else in Anthropic's {@code output_config}.
     */
    private static OutputConfig outputConfig(String name, JsonNode value) {
        StructuredOutput output;
        if ("response_format".equals(name)) {
            output = StructuredOutput.ofResponseFormat(value);
            if (output.kind() == StructuredOutput.Kind.JSON_OBJECT) {
                throw UnsupportedFieldException.valueWithoutEquivalentIn(
                        name, API, "{\"type\":\"json_schema\",…} or {\"type\":\"text\"}");
            }
        } else if (StructuredOutput.BETA_OUTPUT_FORMAT.equals(name)) {
            output = StructuredOutput.ofOutputFormat(value);
        } else {
            if (!value.isObject()) {
                throw new UnsupportedFieldException(name, "output_config must be an object.");
            }
            for (Map.Entry<String, JsonNode> setting : value.properties()) {
                if (!"format".equals(setting.getKey()) && !setting.getValue().isNull()) {
                    throw UnsupportedFieldException.noEquivalentIn("output_config." + setting.getKey(), API);
                }
            }
            output = StructuredOutput.ofOutputFormat(value.path("format"));
        }
        JsonSchemaDefinition schema = JsonSchemaDefinition.builder()
                .name(output.name())
                .schema(output.schema().toString())
                .build();
        return OutputConfig.builder()
                .textFormat(format -> format.type(OutputFormatType.JSON_SCHEMA)
                        .structure(OutputFormatStructure.fromJsonSchema(schema)))
                .build();
    }
}
