package dev.tollgate.provider;

import java.util.Objects;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A function the model may call, with the JSON Schema of its arguments (an object schema).
 *
 * @param strict the caller's {@code strict} flag as sent ({@code null} when it sent none): the upstream must then keep
 *     the arguments to the schema exactly, so it travels to every upstream that knows it
 */
public record ToolDefinition(
        String name,
        @Nullable String description,
        JsonNode parameters,
        boolean cacheBreakpoint,
        @Nullable Boolean strict) {

    public ToolDefinition {
        Objects.requireNonNull(name);
        Objects.requireNonNull(parameters);
    }

    /** A tool without a {@code strict} flag. */
    public ToolDefinition(String name, @Nullable String description, JsonNode parameters, boolean cacheBreakpoint) {
        this(name, description, parameters, cacheBreakpoint, null);
    }
}
