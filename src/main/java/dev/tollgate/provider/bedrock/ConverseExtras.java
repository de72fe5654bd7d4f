package dev.tollgate.provider.bedrock;

import dev.tollgate.caller.Dialect;
import dev.tollgate.provider.RequestExtras;
import dev.tollgate.provider.StructuredOutput;
import dev.tollgate.provider.UnsupportedFieldException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.core.document.Document;
import software.amazon.awssdk.services.bedrockruntime.model.JsonSchemaDefinition;
import software.amazon.awssdk.services.bedrockruntime.model.OutputConfig;
import software.amazon.awssdk.services.bedrockruntime.model.OutputFormatStructure;
import software.amazon.awssdk.services.bedrockruntime.model.OutputFormatType;
import tools.jackson.databind.JsonNode;

/**
 * What a Converse request receives of the fields a request carried beyond the canonical ones. {@code top_p} (both
 * dialects) is Converse's {@code inferenceConfig.topP}. On Anthropic models, whose native fields Converse takes in
 * {@code additionalModelRequestFields}, Anthropic's {@code top_k} goes there as sent and the {@code anthropic-beta}
 * header as {@code anthropic_beta}; so does {@code thinking}, whose blocks come back as Converse's reasoning content.
 * A JSON schema for the reply (OpenAI's {@code response_format}, Anthropic's {@code output_config.format}) is
 * Converse's {@code outputConfig.textFormat}. Everything else is refused by name: Converse has no equivalent.
 *
 * @param topP the nucleus-sampling cut-off, when the caller set one
 * @param additional native fields for the model, empty when there are none
 * @param outputConfig the JSON schema the reply must satisfy, when the caller set one
 */
record ConverseExtras(
        @Nullable Float topP,
        Map<String, Document> additional,
        @Nullable OutputConfig outputConfig) {

    private static final String API = "Bedrock's Converse API";
    private static final ConverseExtras NONE = new ConverseExtras(null, Map.of(), null);

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
        for (Map.Entry<String, JsonNode> field : extras.meaningfulFields().entrySet()) {
            String name = field.getKey();
            JsonNode value = field.getValue();
            if ("top_p".equals(name)) {
                if (!value.isNumber()) {
                    throw new UnsupportedFieldException(name, "top_p must be a number.");
                }
                topP = value.floatValue();
            } else if (asksForStructuredOutput(name, extras.dialect())) {
                outputConfig = outputConfig(name, value);
            } else if (("top_k".equals(name) || "thinking".equals(name)) && anthropicCaller) {
                additional.put(name, JsonDocument.of(value));
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
        return new ConverseExtras(topP, additional, outputConfig);
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
