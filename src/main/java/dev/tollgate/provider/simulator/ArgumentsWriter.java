package dev.tollgate.provider.simulator;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.random.RandomGenerator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Makes up tool-call arguments that satisfy the tool's JSON Schema: every required property, some optional ones,
 * values from {@code enum}, numbers within their bounds, one item per array, local {@code $ref}s resolved. Values come
 * from the prompt where they fit: a {@code city} gets a name the user wrote, a number the user wrote is reused, a
 * {@code query} gets the user's words.
 */
final class ArgumentsWriter {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final int DEEPEST = 8;
    private static final Pattern NUMBER = Pattern.compile("(?<![\\w.])-?\\d+(?:\\.\\d+)?(?![\\w.])");
    private static final Pattern PLACE = Pattern.compile("city|location|place|country|town|region|destination|origin");
    private static final Pattern PERSON = Pattern.compile("name|title|person|author|user|owner|recipient");
    private static final Pattern FREE_TEXT =
            Pattern.compile("query|^q$|search|text|prompt|message|question|content|input|description|summary|body");
    private static final LocalDate FIRST_DATE = LocalDate.of(2025, 1, 1);

    private final JsonNode root;
    private final Keywords keywords;
    private final String userText;
    private final RandomGenerator random;
    private final List<BigDecimal> promptNumbers = new ArrayList<>();
    private final Set<Integer> usedNumbers = new HashSet<>();
    private int namesUsed;
    private int topicsUsed;

    private ArgumentsWriter(JsonNode root, Keywords keywords, String userText, RandomGenerator random) {
        this.root = root;
        this.keywords = keywords;
        this.userText = userText;
        this.random = random;
        Matcher numbers = NUMBER.matcher(userText);
        while (numbers.find()) {
            promptNumbers.add(new BigDecimal(numbers.group()));
        }
    }

    /** Arguments for a tool with this parameter schema, as compact JSON text. */
    static String write(JsonNode schema, Keywords keywords, String userText, RandomGenerator random) {
        return new ArgumentsWriter(schema, keywords, userText, random)
                .value(schema, "", 0)
                .toString();
    }

    private JsonNode value(JsonNode schema, String property, int depth) {
        JsonNode resolved = resolve(schema, depth);
        if (depth > DEEPEST) {
            return NODES.nullNode();
        }
        if (resolved.has("const")) {
            return resolved.get("const").deepCopy();
        }
        JsonNode choices = resolved.path("enum");
        if (choices.isArray() && !choices.isEmpty()) {
            return choices.get(random.nextInt(choices.size())).deepCopy();
        }
        for (String alternatives : List.of("anyOf", "oneOf", "allOf")) {
            JsonNode options = resolved.path(alternatives);
            if (options.isArray() && !options.isEmpty()) {
                return value(firstNotNull(options), property, depth + 1);
            }
        }
        return switch (typeOf(resolved)) {
            case "object" -> object(resolved, depth);
            case "array" -> array(resolved, property, depth);
            case "integer" -> NODES.numberNode(number(resolved, true));
            case "number" -> NODES.numberNode(number(resolved, false));
            case "boolean" -> NODES.booleanNode(random.nextBoolean());
            case "null" -> NODES.nullNode();
            default -> NODES.stringNode(string(resolved, property));
        };
    }

    private JsonNode resolve(JsonNode schema, int depth) {
        JsonNode current = schema;
        for (int hops = 0; hops < DEEPEST - depth && current.path("$ref").isString(); hops++) {
            String reference = current.get("$ref").asString();
            // only references into the tool's own schema can be followed; anything else allows any value
            current = reference.equals("#") || reference.startsWith("#/")
                    ? root.at(reference.substring(1))
                    : NODES.objectNode();
        }
        return current.isMissingNode() ? NODES.objectNode() : current;
    }

    private static JsonNode firstNotNull(JsonNode options) {
        for (JsonNode option : options) {
            if (!"null".equals(option.path("type").asString(""))) {
                return option;
            }
        }
        return options.get(0);
    }

    private static String typeOf(JsonNode schema) {
        JsonNode type = schema.path("type");
        if (type.isString()) {
            return type.asString();
        }
        if (type.isArray()) {
            for (JsonNode candidate : type) {
                if (!"null".equals(candidate.asString())) {
                    return candidate.asString();
                }
            }
        }
        if (schema.has("properties")) {
            return "object";
        }
        return schema.has("items") ? "array" : "string";
    }

    private ObjectNode object(JsonNode schema, int depth) {
        Set<String> required = new HashSet<>();
        for (JsonNode name : schema.path("required")) {
            required.add(name.asString());
        }
        ObjectNode object = NODES.objectNode();
        for (Map.Entry<String, JsonNode> property : schema.path("properties").properties()) {
            String name = property.getKey();
            if (required.contains(name) || random.nextInt(3) > 0) {
                object.set(name, value(property.getValue(), name, depth + 1));
            }
        }
        return object;
    }

    private ArrayNode array(JsonNode schema, String property, int depth) {
        JsonNode items = schema.path("items");
        JsonNode itemSchema = items.isArray() ? items.path(0) : items;
        int count = Math.max(1, schema.path("minItems").asInt(0));
        if (schema.has("maxItems")) {
            count = Math.min(count, schema.get("maxItems").asInt());
        }
        ArrayNode array = NODES.arrayNode();
        for (int i = 0; i < count; i++) {
            array.add(value(itemSchema.isMissingNode() ? NODES.objectNode() : itemSchema, property, depth + 1));
        }
        return array;
    }

    /** A number the prompt mentions if one fits, else one drawn from the allowed range. */
    private BigDecimal number(JsonNode schema, boolean integer) {
        NumberRange range = NumberRange.of(schema, integer);
        for (int i = 0; i < promptNumbers.size(); i++) {
            BigDecimal candidate = promptNumbers.get(i);
            if (!usedNumbers.contains(i) && range.allows(candidate)) {
                usedNumbers.add(i);
                return plain(candidate, integer);
            }
        }
        return plain(range.draw(random), integer);
    }

    /** Without exponent or, for integers, fraction digits: Jackson writes a BigDecimal as its toString(). */
    private static BigDecimal plain(BigDecimal number, boolean integer) {
        BigDecimal stripped = integer ? number.setScale(0, RoundingMode.DOWN) : number.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }

    private String string(JsonNode schema, String property) {
        String text = switch (schema.path("format").asString("")) {
            case "date" -> date().toString();
            case "date-time" -> date() + "T10:30:00Z";
            case "time" -> "10:30:00";
            case "email" -> slug() + "@example.com";
            case "uri", "url" -> "https://example.com/" + slug();
            case "uuid" -> uuid().toString();
            default -> text(property.toLowerCase(Locale.ROOT));
        };
        return fitLength(schema, text);
    }

    private String text(String property) {
        if (PLACE.matcher(property).find() || PERSON.matcher(property).find()) {
            return keywords.names().isEmpty()
                    ? ProseWriter.capitalise(nextTopic())
                    : keywords.names().get(namesUsed++ % keywords.names().size());
        }
        if (FREE_TEXT.matcher(property).find() && !userText.isBlank()) {
            String flat = userText.strip().replaceAll("\\s+", " ");
            return flat.length() <= 100 ? flat : flat.substring(0, flat.offsetByCodePoints(0, 100));
        }
        return nextTopic();
    }

    private String nextTopic() {
        return keywords.topics().isEmpty()
                ? "example"
                : keywords.topics().get(topicsUsed++ % keywords.topics().size());
    }

    private String slug() {
        return nextTopic().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
    }

    private LocalDate date() {
        return FIRST_DATE.plusDays(random.nextInt(365));
    }

    private UUID uuid() {
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;
        long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low);
    }

    private static String fitLength(JsonNode schema, String text) {
        StringBuilder fitted = new StringBuilder(text);
        int minLength = schema.path("minLength").asInt(0);
        while (fitted.codePointCount(0, fitted.length()) < minLength) {
            fitted.append('x');
        }
        if (schema.has("maxLength")) {
            int maxLength = schema.get("maxLength").asInt();
            if (fitted.codePointCount(0, fitted.length()) > maxLength) {
                return fitted.substring(0, fitted.offsetByCodePoints(0, Math.max(0, maxLength)));
            }
        }
        return fitted.toString();
    }
}
