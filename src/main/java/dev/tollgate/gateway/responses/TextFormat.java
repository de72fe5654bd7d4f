package dev.tollgate.gateway.responses;

import static dev.tollgate.gateway.wire.RequestFields.invalid;

import dev.tollgate.gateway.wire.RequestFields;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code text.format}, the Responses API's structured output, as Chat Completions' {@code response_format}. Responses
 * keeps a schema's name, schema, description and {@code strict} flat on the format; Chat Completions nests them under
 * {@code json_schema}.
 */
final class TextFormat {

    private static final String PATH = "text.format";

    private TextFormat() {}

    static JsonNode responseFormat(JsonNode format) {
        if (!format.isObject()) {
            throw invalid(PATH + " must be an object.", PATH);
        }
        String type = RequestFields.requireString(format, "type", PATH + ".type");
        ObjectNode chat = JsonNodeFactory.instance.objectNode().put("type", type);
        switch (type) {
            case "text", "json_object" -> {}
            case "json_schema" -> {
                ObjectNode schema = chat.putObject("json_schema");
                schema.put("name", RequestFields.requireString(format, "name", PATH + ".name"));
                String description = RequestFields.optionalString(format, "description", PATH + ".description");
                if (description != null) {
                    schema.put("description", description);
                }
                schema.set("schema", RequestFields.requireObjectField(format, "schema", PATH + ".schema"));
                Boolean strict = RequestFields.optionalFlag(format, "strict", PATH + ".strict");
                if (strict != null) {
                    schema.put("strict", strict);
                }
            }
            default ->
                throw invalid(
                        PATH + ".type must be text, json_object or json_schema; got '" + type + "'.", PATH + ".type");
        }
        return chat;
    }
}
