package dev.tollgate.provider.simulator;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.random.RandomGenerator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Makes up tool-call arguments that satisfy the tool's JSON Schema: every required property, some optional ones (at
 * least {@code minProperties}), values from {@code enum}, numbers within their bounds, {@code minItems} items per
 * array (at least one, and no more than required from half the nesting limit on, so recursive schemas end), local
 * {@code $ref}s resolved. Values come from the prompt where they fit: a {@code city} gets a
 * name the user wrote, a number the user wrote is reused, a {@code query} gets the user's words.
 *
 * <p>The arguments are written as JSON text straight into a buffer of a given length and stop there, like a model's
 * output stops at its token limit: a schema asking for millions of items, strings of any {@code minLength} or
 * references to itself costs only as much as the reply can hold. Nesting stops at depth {@value #DEEPEST} (deeper
 * values are {@code null}), and bounds beyond {@link NumberRange}'s magnitudes are brought within them.
 */
final class ArgumentsWriter {

    private static final JsonNode ANY_VALUE = JsonNodeFactory.instance.objectNode();
    private static final int DEEPEST = 8;

    /**
     * From this depth on, objects get only the properties they must have and arrays only the items they must have, so
     * a recursive schema (a tree whose nodes hold optional or empty-able children) ends in values that satisfy it
     * before the nesting limit is reached.
     */
    private static final int FRUGAL = DEEPEST / 2;

    /** Of alternatives ({@code anyOf}, a list of types) only the first few are considered. */
    private static final int ALTERNATIVES_READ = 64;

    /** Prompt numbers reused, at most, and the longest read (longer ones are no values a tool expects). */
    private static final int MOST_PROMPT_NUMBERS = 64;

    private static final int LONGEST_PROMPT_NUMBER = 40;

    /** Property names are matched against the patterns below by their start. */
    private static final int PROPERTY_NAME_READ = 64;

    private static final int LONGEST_EXCERPT = 100;

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
    private final JsonBuffer out;
    private final List<BigDecimal> promptNumbers = new ArrayList<>();
    private final Set<Integer> usedNumbers = new HashSet<>();
    private final Map<String, JsonNode> references = new HashMap<>();
    private final Map<JsonNode, Set<String>> requiredNames = new IdentityHashMap<>();
    private @Nullable String excerpt;
    private @Nullable CommandParameter commandParameter;
    private String command = "";
    private int namesUsed;
    private int topicsUsed;

    private ArgumentsWriter(
            JsonNode root, Keywords keywords, String userText, RandomGenerator random, int longestText) {
        this.root = root;
        this.keywords = keywords;
        this.userText = userText;
        this.random = random;
        this.out = new JsonBuffer(longestText);
        Matcher numbers = NUMBER.matcher(userText);
        while (promptNumbers.size() < MOST_PROMPT_NUMBERS && numbers.find()) {
            if (numbers.end() - numbers.start() <= LONGEST_PROMPT_NUMBER) {
                promptNumbers.add(new BigDecimal(numbers.group()));
            }
        }
    }

    /**
     * Arguments for a tool with this parameter schema, as compact JSON text of at most {@code longestText}
     * characters: the start of the arguments when they would be longer.
     */
    static String write(JsonNode schema, Keywords keywords, String userText, RandomGenerator random, int longestText) {
        ArgumentsWriter writer = new ArgumentsWriter(schema, keywords, userText, random, longestText);
        writer.value(schema, "", 0);
        return writer.out.toString();
    }

    /**
     * Arguments that run {@code command} with a tool taking it through {@code parameter}: the command there and
     * otherwise only the properties the schema requires, since a model asked to run a command leaves the tool's options
     * (working directory, shell, timeouts) at their defaults.
     */
    static String writeCommand(
            JsonNode schema,
            CommandParameter parameter,
            String command,
            Keywords keywords,
            String userText,
            RandomGenerator random,
            int longestText) {
        ArgumentsWriter writer = new ArgumentsWriter(schema, keywords, userText, random, longestText);
        writer.commandParameter = parameter;
        writer.command = command;
        writer.value(schema, "", 0);
        return writer.out.toString();
    }

    private void value(JsonNode schema, String property, int depth) {
        if (out.full()) {
            return;
        }
        JsonNode resolved = resolve(schema, depth);
        if (depth > DEEPEST) {
            out.append("null");
            return;
        }
        if (resolved.has("const")) {
            literal(resolved.get("const"));
            return;
        }
        JsonNode choices = resolved.path("enum");
        if (choices.isArray() && !choices.isEmpty()) {
            literal(choices.get(random.nextInt(choices.size())));
            return;
        }
        for (String alternatives : List.of("anyOf", "oneOf", "allOf")) {
            JsonNode options = resolved.path(alternatives);
            if (options.isArray() && !options.isEmpty()) {
                value(firstNotNull(options), property, depth + 1);
                return;
            }
        }
        switch (typeOf(resolved)) {
            case "object" -> object(resolved, depth);
            case "array" -> array(resolved, property, depth);
            case "integer" -> out.append(number(resolved, true).toString());
            case "number" -> out.append(number(resolved, false).toString());
            case "boolean" -> out.append(random.nextBoolean() ? "true" : "false");
            case "null" -> out.append("null");
            default -> string(resolved, property);
        }
    }

    private JsonNode resolve(JsonNode schema, int depth) {
        JsonNode current = schema;
        for (int hops = 0; hops < DEEPEST - depth && current.path("$ref").isString(); hops++) {
            current = references.computeIfAbsent(current.get("$ref").asString(), this::referenced);
        }
        return current.isMissingNode() ? ANY_VALUE : current;
    }

    /** Only references into the tool's own schema can be followed; anything else allows any value. */
    private JsonNode referenced(String reference) {
        if (!reference.equals("#") && !reference.startsWith("#/")) {
            return ANY_VALUE;
        }
        try {
            return root.at(reference.substring(1));
        } catch (IllegalArgumentException malformedPointer) {
            return ANY_VALUE;
        }
    }

    private static JsonNode firstNotNull(JsonNode options) {
        for (int i = 0; i < Math.min(options.size(), ALTERNATIVES_READ); i++) {
            if (!"null".equals(options.get(i).path("type").asString(""))) {
                return options.get(i);
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
            for (int i = 0; i < Math.min(type.size(), ALTERNATIVES_READ); i++) {
                if (!"null".equals(type.get(i).asString())) {
                    return type.get(i).asString();
                }
            }
        }
        if (schema.has("properties")) {
            return "object";
        }
        return schema.has("items") ? "array" : "string";
    }

    private void object(JsonNode schema, int depth) {
        Set<String> required = requiredNames.computeIfAbsent(schema, ArgumentsWriter::required);
        JsonNode properties = schema.path("properties");
        int minProperties = schema.path("minProperties").asInt(0);
        int left = properties.size();
        int written = 0;
        boolean runsCommand = depth == 0 && commandParameter != null;
        out.append('{');
        for (Map.Entry<String, JsonNode> property : properties.properties()) {
            if (out.full()) {
                return;
            }
            String name = property.getKey();
            if (required.contains(name)
                    || written + left <= minProperties
                    || (!runsCommand && depth < FRUGAL && random.nextInt(3) > 0)) {
                if (written > 0) {
                    out.append(',');
                }
                out.quoted(name);
                out.append(':');
                if (runsCommand && name.equals(commandParameter.name())) {
                    commandValue(commandParameter);
                } else {
                    value(property.getValue(), name, depth + 1);
                }
                written++;
            }
            left--;
        }
        out.append('}');
    }

    private void commandValue(CommandParameter parameter) {
        if (!parameter.takesArgumentVector()) {
            out.quoted(command);
            return;
        }
        out.append('[');
        List<String> vector = CommandParameter.argumentVector(command);
        for (int i = 0; i < vector.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.quoted(vector.get(i));
        }
        out.append(']');
    }

    private static Set<String> required(JsonNode schema) {
        Set<String> required = new HashSet<>();
        for (JsonNode name : schema.path("required")) {
            required.add(name.asString());
        }
        return required;
    }

    private void array(JsonNode schema, String property, int depth) {
        JsonNode items = schema.path("items");
        JsonNode itemSchema = items.isArray() ? items.path(0) : items;
        long count = Math.max(depth < FRUGAL ? 1 : 0, schema.path("minItems").asLong(0));
        if (schema.has("maxItems")) {
            count = Math.min(count, schema.get("maxItems").asLong());
        }
        out.append('[');
        for (long i = 0; i < count && !out.full(); i++) {
            if (i > 0) {
                out.append(',');
            }
            value(itemSchema.isMissingNode() ? ANY_VALUE : itemSchema, property, depth + 1);
        }
        out.append(']');
    }

    /** A value the schema spells out ({@code const}, {@code enum}), written as it stands. */
    private void literal(JsonNode value) {
        if (out.full()) {
            return;
        }
        if (value.isObject()) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<String, JsonNode> field : value.properties()) {
                if (!first) {
                    out.append(',');
                }
                out.quoted(field.getKey());
                out.append(':');
                literal(field.getValue());
                first = false;
            }
            out.append('}');
        } else if (value.isArray()) {
            out.append('[');
            for (int i = 0; i < value.size() && !out.full(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                literal(value.get(i));
            }
            out.append(']');
        } else if (value.isString()) {
            out.quoted(value.asString());
        } else {
            out.append(value.toString());
        }
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

    /** Without exponent or, for integers, fraction digits, as far as the number's magnitude allows. */
    private static BigDecimal plain(BigDecimal number, boolean integer) {
        BigDecimal stripped = integer ? number.setScale(0, RoundingMode.DOWN) : number.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }

    private void string(JsonNode schema, String property) {
        String text = switch (schema.path("format").asString("")) {
            case "date" -> date().toString();
            case "date-time" -> date() + "T10:30:00Z";
            case "time" -> "10:30:00";
            case "email" -> slug() + "@example.com";
            case "uri", "url" -> "https://example.com/" + slug();
            case "uuid" -> uuid().toString();
            default -> text(property);
        };
        int length = text.codePointCount(0, text.length());
        long fitted = Math.max(length, schema.path("minLength").asLong(0));
        if (schema.has("maxLength")) {
            fitted = Math.min(fitted, Math.max(0, schema.get("maxLength").asLong()));
        }
        out.append('"');
        if (fitted <= length) {
            out.escaped(text.substring(0, text.offsetByCodePoints(0, (int) fitted)));
        } else {
            out.escaped(text);
            out.repeat('x', fitted - length);
        }
        out.append('"');
    }

    private String text(String property) {
        String name = property.substring(0, Math.min(property.length(), PROPERTY_NAME_READ))
                .toLowerCase(Locale.ROOT);
        if (PLACE.matcher(name).find() || PERSON.matcher(name).find()) {
            return keywords.names().isEmpty()
                    ? ProseWriter.capitalise(nextTopic())
                    : keywords.names().get(namesUsed++ % keywords.names().size());
        }
        if (FREE_TEXT.matcher(name).find() && !excerpt().isEmpty()) {
            return excerpt();
        }
        return nextTopic();
    }

    /** The start of the user's words, on one line. */
    private String excerpt() {
        if (excerpt == null) {
            String flat = FlatText.start(userText, 2 * LONGEST_EXCERPT + 1);
            int codePoints = flat.codePointCount(0, flat.length());
            excerpt = flat.substring(0, flat.offsetByCodePoints(0, Math.min(codePoints, LONGEST_EXCERPT)));
        }
        return excerpt;
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
}
