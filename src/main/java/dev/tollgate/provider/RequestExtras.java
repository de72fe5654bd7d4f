package dev.tollgate.provider;

import dev.tollgate.caller.Dialect;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What a chat request carried beyond the canonical fields: the dialect it arrived in, the top-level body fields the
 * gateway does not model (as parsed, in the order sent) and the beta headers. A channel speaking the same dialect
 * sends them on unchanged; a channel of another dialect translates each or refuses it by name (see {@link
 * ChatProvider#admit}). Most requests carry none, so the empty value is shared and nothing is copied for it.
 *
 * @param fields top-level body fields by name, as sent
 * @param headers beta headers ({@code anthropic-beta}, {@code openai-beta}) by lower-case name, each value as sent
 * @param responsesBody for a Responses API caller, its whole request body as sent (a stored conversation it continues
 *     already written out as input items), which a channel that speaks the Responses API sends on in place of a
 *     translation; {@code null} for the other dialects. The fields above then hold its Chat Completions equivalents.
 */
public record RequestExtras(
        Dialect dialect,
        Map<String, JsonNode> fields,
        Map<String, List<String>> headers,
        @Nullable ObjectNode responsesBody) {

    /** The header that turns on Anthropic's beta features for the Messages API. */
    public static final String ANTHROPIC_BETA = "anthropic-beta";

    /** The header that turns on OpenAI's beta features. */
    public static final String OPENAI_BETA = "openai-beta";

    private static final RequestExtras NONE_OPENAI = new RequestExtras(Dialect.OPENAI, Map.of(), Map.of());
    private static final RequestExtras NONE_ANTHROPIC = new RequestExtras(Dialect.ANTHROPIC, Map.of(), Map.of());

    public RequestExtras {
        Objects.requireNonNull(dialect);
        fields = fields.isEmpty() ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        headers = headers.isEmpty() ? Map.of() : Map.copyOf(headers);
    }

    public RequestExtras(Dialect dialect, Map<String, JsonNode> fields, Map<String, List<String>> headers) {
        this(dialect, fields, headers, null);
    }

    /** A request of {@code dialect} that carried nothing beyond the canonical fields. */
    public static RequestExtras none(Dialect dialect) {
        return dialect == Dialect.OPENAI ? NONE_OPENAI : NONE_ANTHROPIC;
    }

    public boolean isEmpty() {
        return fields.isEmpty() && headers.isEmpty() && responsesBody == null;
    }

    /** The values of a beta header, empty when it was not sent. */
    public List<String> header(String name) {
        return headers.getOrDefault(name, List.of());
    }

    /**
     * The fields that ask for something: a {@code null} value is the same as leaving the field out, and so is a value
     * that asks for what the API does anyway (OpenAI's {@code response_format: {"type":"text"}}, {@code
     * parallel_tool_calls: true}, {@code store: false}; Anthropic's {@code thinking: {"type":"disabled"}}). Only these
     * need an equivalent in another dialect.
     */
    public Map<String, JsonNode> meaningfulFields() {
        if (fields.isEmpty()) {
            return fields;
        }
        Map<String, JsonNode> meaningful = new LinkedHashMap<>();
        fields.forEach((name, value) -> {
            if (!value.isNull() && !asksForDefault(name, value)) {
                meaningful.put(name, value);
            }
        });
        return meaningful;
    }

    private boolean asksForDefault(String name, JsonNode value) {
        return switch (dialect) {
            case OPENAI, RESPONSES ->
                switch (name) {
                    case "response_format" -> "text".equals(value.path("type").asString(""));
                    case "parallel_tool_calls" -> value.isBoolean() && value.booleanValue();
                    case "store" -> value.isBoolean() && !value.booleanValue();
                    default -> false;
                };
            case ANTHROPIC ->
                "thinking".equals(name) && "disabled".equals(value.path("type").asString(""));
        };
    }
}
