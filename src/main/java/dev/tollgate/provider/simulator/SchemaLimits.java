package dev.tollgate.provider.simulator;

import dev.tollgate.caller.Dialect;
import dev.tollgate.provider.RequestExtras;
import dev.tollgate.provider.StructuredOutput;
import dev.tollgate.provider.UnsupportedFieldException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * What of a reply schema the simulator can satisfy. Its writer makes values up from types, bounds, lengths, enums,
 * constants, required properties and local references; it cannot invent a string that matches a regular expression,
 * a number on a step, or a value that must fail a schema. A schema using such a keyword is refused before any credit
 * is held, naming the keyword and where it is, so a caller never pays for JSON that does not validate.
 */
final class SchemaLimits {

    /** Keywords whose meaning the writer does not follow, so that what it writes could fail them. */
    private static final Set<String> UNFOLLOWED = Set.of(
            "pattern",
            "patternProperties",
            "multipleOf",
            "not",
            "if",
            "dependentRequired",
            "dependentSchemas",
            "dependencies",
            "contains",
            "propertyNames",
            "prefixItems");

    /** Keywords holding one subschema, or a map of them, or a list of them. */
    private static final List<String> ONE = List.of("items", "additionalProperties");

    private static final List<String> MAPS = List.of("properties", "$defs", "definitions");
    private static final List<String> LISTS = List.of("anyOf", "oneOf", "allOf", "items");

    /** Names and paths quoted in a refusal are cut to this many characters: they come from the caller. */
    private static final int LONGEST_QUOTE = 120;

    private SchemaLimits() {}

    /** @throws UnsupportedFieldException naming the first keyword the simulator could not satisfy */
    static void check(StructuredOutput output, RequestExtras extras) {
        String field = extras.dialect() == Dialect.OPENAI
                ? "response_format"
                : extras.fields().containsKey("output_config") ? "output_config" : StructuredOutput.BETA_OUTPUT_FORMAT;
        Deque<Place> pending = new ArrayDeque<>();
        pending.push(new Place(null, "", output.schema()));
        while (!pending.isEmpty()) {
            Place place = pending.pop();
            JsonNode schema = place.schema();
            if (!schema.isObject()) {
                continue;
            }
            String problem = problem(schema);
            if (problem != null) {
                throw new UnsupportedFieldException(
                        field,
                        field + ": the schema " + problem + " at " + place.path()
                                + ", which the simulator cannot satisfy (it makes values up from types, bounds,"
                                + " lengths, enums and required properties). Leave it out, or use a model served by"
                                + " an upstream channel.");
            }
            for (String keyword : ONE) {
                if (schema.path(keyword).isObject()) {
                    pending.push(new Place(place, keyword, schema.get(keyword)));
                }
            }
            for (String keyword : MAPS) {
                for (Map.Entry<String, JsonNode> entry : schema.path(keyword).properties()) {
                    pending.push(
                            new Place(new Place(place, keyword, entry.getValue()), entry.getKey(), entry.getValue()));
                }
            }
            for (String keyword : LISTS) {
                JsonNode list = schema.path(keyword);
                for (int i = 0; list.isArray() && i < list.size(); i++) {
                    pending.push(new Place(new Place(place, keyword, list), Integer.toString(i), list.get(i)));
                }
            }
        }
    }

    /**
     * A subschema and the steps that lead to it, each step kept by reference: the path is spelled out only for a
     * refusal, and only its first {@value #LONGEST_QUOTE} characters, so a deep schema with long names costs no more
     * to check than to parse.
     */
    private record Place(@Nullable Place parent, String step, JsonNode schema) {

        String path() {
            Deque<String> steps = new ArrayDeque<>();
            for (Place at = this; at != null && at.parent() != null; at = at.parent()) {
                steps.push(at.step());
            }
            if (steps.isEmpty()) {
                return "its root";
            }
            StringBuilder path = new StringBuilder();
            for (String step : steps) {
                path.append('/').append(step, 0, Math.min(step.length(), LONGEST_QUOTE));
                if (path.length() > LONGEST_QUOTE) {
                    return path.substring(0, LONGEST_QUOTE) + "…";
                }
            }
            return path.toString();
        }
    }

    private static @Nullable String problem(JsonNode schema) {
        for (String keyword : schema.propertyNames()) {
            if (UNFOLLOWED.contains(keyword)) {
                return "uses " + keyword;
            }
        }
        if (schema.path("allOf").size() > 1) {
            return "combines several schemas with allOf";
        }
        if (schema.path("uniqueItems").asBoolean(false)
                && schema.path("minItems").asLong(0) > 1) {
            return "asks for several unique items";
        }
        JsonNode ref = schema.path("$ref");
        if (ref.isString() && !ref.asString().equals("#") && !ref.asString().startsWith("#/")) {
            return "refers to another document with $ref";
        }
        JsonNode properties = schema.path("properties");
        for (JsonNode name : schema.path("required")) {
            if (!properties.has(name.asString(""))) {
                return "requires the property " + shortened(name.asString("")) + " without defining it";
            }
        }
        if (schema.path("minProperties").asLong(0) > properties.size()) {
            return "asks for more properties than it defines";
        }
        return null;
    }

    private static String shortened(String text) {
        return text.length() <= LONGEST_QUOTE ? text : text.substring(0, LONGEST_QUOTE) + "…";
    }
}
