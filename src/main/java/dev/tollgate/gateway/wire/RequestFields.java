package dev.tollgate.gateway.wire;

import dev.tollgate.web.ApiError;
import dev.tollgate.web.ApiException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Reads fields of a JSON request body with the checks both dialects share: a field of the wrong type is a 400 naming
 * the field, a missing optional field is null, and unknown fields are ignored (newer SDKs send fields we do not use).
 */
public final class RequestFields {

    private RequestFields() {}

    public static ApiException invalid(String message, @Nullable String param) {
        return new ApiException(ApiError.invalidRequest(message, param));
    }

    public static JsonNode requireObject(@Nullable JsonNode body) {
        if (body == null || !body.isObject()) {
            throw invalid("The request body must be a JSON object.", null);
        }
        return body;
    }

    public static String requireString(JsonNode parent, String field, String path) {
        JsonNode value = parent.get(field);
        if (value == null || value.isNull()) {
            throw invalid(path + " is required.", path);
        }
        if (!value.isString()) {
            throw invalid(path + " must be a string.", path);
        }
        return value.stringValue();
    }

    public static @Nullable String optionalString(JsonNode parent, String field, String path) {
        JsonNode value = parent.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isString()) {
            throw invalid(path + " must be a string.", path);
        }
        return value.stringValue();
    }

    public static @Nullable Integer optionalPositiveInt(JsonNode parent, String field, String path) {
        JsonNode value = parent.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt() || value.intValue() < 1) {
            throw invalid(path + " must be a positive integer.", path);
        }
        return value.intValue();
    }

    public static @Nullable Double optionalNumber(JsonNode parent, String field, String path, double min, double max) {
        JsonNode value = parent.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isNumber() || value.doubleValue() < min || value.doubleValue() > max) {
            throw invalid(path + " must be a number between " + trim(min) + " and " + trim(max) + ".", path);
        }
        return value.doubleValue();
    }

    public static boolean optionalBoolean(JsonNode parent, String field, String path) {
        JsonNode value = parent.get(field);
        if (value == null || value.isNull()) {
            return false;
        }
        if (!value.isBoolean()) {
            throw invalid(path + " must be true or false.", path);
        }
        return value.booleanValue();
    }

    /** A flag whose absence differs from {@code false} (the caller's choice is passed on as sent). */
    public static @Nullable Boolean optionalFlag(JsonNode parent, String field, String path) {
        JsonNode value = parent.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        return optionalBoolean(parent, field, path);
    }

    public static List<JsonNode> requireNonEmptyArray(JsonNode parent, String field, String path) {
        JsonNode value = parent.get(field);
        if (value == null || value.isNull()) {
            throw invalid(path + " is required.", path);
        }
        if (!value.isArray()) {
            throw invalid(path + " must be an array.", path);
        }
        if (value.isEmpty()) {
            throw invalid(path + " must contain at least one item.", path);
        }
        return elements(value);
    }

    public static List<JsonNode> optionalArray(JsonNode parent, String field, String path) {
        JsonNode value = parent.get(field);
        if (value == null || value.isNull()) {
            return List.of();
        }
        if (!value.isArray()) {
            throw invalid(path + " must be an array.", path);
        }
        return elements(value);
    }

    public static JsonNode requireObjectField(JsonNode parent, String field, String path) {
        JsonNode value = parent.get(field);
        if (value == null || !value.isObject()) {
            throw invalid(path + " must be an object.", path);
        }
        return value;
    }

    /** {@code stop} / {@code stop_sequences}: a string or an array of at most {@code max} strings. */
    public static List<String> stopSequences(JsonNode parent, String field, int max) {
        JsonNode value = parent.get(field);
        if (value == null || value.isNull()) {
            return List.of();
        }
        if (value.isString()) {
            return List.of(value.stringValue());
        }
        if (!value.isArray() || value.size() > max) {
            throw invalid(field + " must be a string or an array of up to " + max + " strings.", field);
        }
        List<String> stops = new ArrayList<>();
        for (JsonNode stop : value) {
            if (!stop.isString() || stop.stringValue().isEmpty()) {
                throw invalid(field + " must contain only non-empty strings.", field);
            }
            stops.add(stop.stringValue());
        }
        return stops;
    }

    /**
     * The top-level fields of {@code body} outside {@code modelled}, in the order sent, with their values as parsed;
     * the shared empty map when there are none, which is most requests.
     */
    public static Map<String, JsonNode> unmodelled(JsonNode body, Set<String> modelled) {
        Map<String, JsonNode> extras = Map.of();
        for (Map.Entry<String, JsonNode> field : body.properties()) {
            if (!modelled.contains(field.getKey())) {
                if (extras.isEmpty()) {
                    extras = new LinkedHashMap<>();
                }
                extras.put(field.getKey(), field.getValue());
            }
        }
        return extras;
    }

    private static List<JsonNode> elements(JsonNode array) {
        List<JsonNode> items = new ArrayList<>(array.size());
        array.forEach(items::add);
        return items;
    }

    private static String trim(double number) {
        return number == Math.rint(number) ? Long.toString((long) number) : Double.toString(number);
    }
}
