package dev.tollgate.provider.simulator;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Just enough JSON Schema validation to check generated tool arguments independently of the code that generates them:
 * type, properties, required, enum, minimum/maximum and items.
 */
final class SchemaCheck {

    private SchemaCheck() {}

    static List<String> violations(JsonNode schema, JsonNode value) {
        List<String> violations = new ArrayList<>();
        check(schema, value, "$", violations);
        return violations;
    }

    private static void check(JsonNode schema, JsonNode value, String path, List<String> violations) {
        if (schema.has("enum")) {
            boolean listed = false;
            for (JsonNode allowed : schema.get("enum")) {
                listed |= allowed.equals(value);
            }
            if (!listed) {
                violations.add(path + " is not one of " + schema.get("enum"));
            }
        }
        String type = schema.path("type").asString("");
        boolean typed = switch (type) {
            case "object" -> value.isObject();
            case "array" -> value.isArray();
            case "string" -> value.isString();
            case "integer" -> value.isIntegralNumber();
            case "number" -> value.isNumber();
            case "boolean" -> value.isBoolean();
            default -> true;
        };
        if (!typed) {
            violations.add(path + " is not of type " + type + ": " + value);
            return;
        }
        if (value.isNumber()) {
            if (schema.has("minimum")
                    && value.decimalValue().compareTo(schema.get("minimum").decimalValue()) < 0) {
                violations.add(path + " is below its minimum: " + value);
            }
            if (schema.has("maximum")
                    && value.decimalValue().compareTo(schema.get("maximum").decimalValue()) > 0) {
                violations.add(path + " is above its maximum: " + value);
            }
        }
        if (value.isObject()) {
            for (JsonNode required : schema.path("required")) {
                if (!value.has(required.asString())) {
                    violations.add(path + " lacks required property " + required.asString());
                }
            }
            for (var property : value.properties()) {
                JsonNode propertySchema = schema.path("properties").path(property.getKey());
                if (propertySchema.isMissingNode()) {
                    violations.add(path + " has undeclared property " + property.getKey());
                } else {
                    check(propertySchema, property.getValue(), path + "." + property.getKey(), violations);
                }
            }
        }
        if (value.isArray()) {
            if (value.size() < schema.path("minItems").asInt(0)) {
                violations.add(path + " has too few items");
            }
            for (int i = 0; i < value.size(); i++) {
                check(schema.path("items"), value.get(i), path + "[" + i + "]", violations);
            }
        }
    }
}
