package dev.tollgate.provider.bedrock;

import dev.tollgate.caller.Dialect;
import dev.tollgate.provider.RequestExtras;
import dev.tollgate.provider.UnsupportedFieldException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.core.document.Document;
import tools.jackson.databind.JsonNode;

/**
 * What a Converse request receives of the fields a request carried beyond the canonical ones. {@code top_p} (both
 * dialects) is Converse's {@code inferenceConfig.topP}. On Anthropic models, whose native fields Converse takes in
 * {@code additionalModelRequestFields}, Anthropic's {@code top_k} goes there as sent and the {@code anthropic-beta}
 * header as {@code anthropic_beta}; so does {@code thinking}, whose blocks come back as Converse's reasoning content.
 * Everything else is refused by name: Converse has no equivalent, and fields that change the reply's shape ({@code
 * output_config}) would come back in blocks the adapter does not read.
 *
 * @param topP the nucleus-sampling cut-off, when the caller set one
 * @param additional native fields for the model, empty when there are none
 */
record ConverseExtras(@Nullable Float topP, Map<String, Document> additional) {

    private static final String API = "Bedrock's Converse API";
    private static final ConverseExtras NONE = new ConverseExtras(null, Map.of());

    /** @throws UnsupportedFieldException naming the first field Converse cannot carry to {@code modelId} */
    static ConverseExtras of(RequestExtras extras, String modelId) {
        if (extras.isEmpty()) {
            return NONE;
        }
        boolean anthropicModel = modelId.contains("anthropic.");
        boolean anthropicCaller = extras.dialect() == Dialect.ANTHROPIC && anthropicModel;
        Float topP = null;
        Map<String, Document> additional = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> field : extras.meaningfulFields().entrySet()) {
            String name = field.getKey();
            JsonNode value = field.getValue();
            if ("top_p".equals(name)) {
                if (!value.isNumber()) {
                    throw new UnsupportedFieldException(name, "top_p must be a number.");
                }
                topP = value.floatValue();
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
        return new ConverseExtras(topP, additional);
    }
}
