package dev.tollgate.provider.simulator;

import dev.tollgate.provider.StructuredOutput;
import java.util.random.RandomGenerator;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * The simulated model's reply when the caller asks for JSON: for a schema, a value made up to satisfy it by the same
 * bounded writer that makes up tool-call arguments (so a hostile schema costs no more than the reply can hold), and for
 * JSON mode an object holding the prose it would have written. The text streams as text deltas like any reply, and a
 * reply longer than the output limit is cut mid-JSON, as an upstream's is.
 */
final class StructuredReply {

    private StructuredReply() {}

    /** JSON text for {@code output}, at most {@code longestText} characters. */
    static String write(
            StructuredOutput output,
            String prose,
            Keywords keywords,
            String userText,
            RandomGenerator random,
            int longestText) {
        if (output.kind() == StructuredOutput.Kind.JSON_OBJECT) {
            return JsonNodeFactory.instance.objectNode().put("answer", prose).toString();
        }
        return ArgumentsWriter.write(output.schema(), keywords, userText, random, longestText);
    }
}
