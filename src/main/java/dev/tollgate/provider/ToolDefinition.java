package dev.tollgate.provider;

import java.util.Objects;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A function the model may call, with the JSON Schema of its arguments (an object schema); {@code cacheTtl} is how
 * long the cache entry written at its breakpoint lasts.
 *
 * @param strict the caller's {@code strict} flag as sent ({@code null} when it sent none): the upstream must then keep
 *     the arguments to the schema exactly, so it travels to every upstream that knows it
 */
public record ToolDefinition(
        String name,
        @Nullable String description,
        JsonNode parameters,
        boolean cacheBreakpoint,
        CacheTtl cacheTtl,
        @Nullable Boolean strict) {

    public ToolDefinition {
        Objects.requireNonNull(name);
        Objects.requireNonNull(parameters);
        Objects.requireNonNull(cacheTtl);
    }

    /** A tool without a {@code strict} flag whose breakpoint, if any, lasts five minutes. */
    public ToolDefinition(String name, @Nullable String description, JsonNode parameters, boolean cacheBreakpoint) {
        this(name, description, parameters, cacheBreakpoint, CacheTtl.FIVE_MINUTES, null);
    }

    /** A tool without a {@code strict} flag. */
    public ToolDefinition(
            String name,
            @Nullable String description,
            JsonNode parameters,
            boolean cacheBreakpoint,
            CacheTtl cacheTtl) {
        this(name, description, parameters, cacheBreakpoint, cacheTtl, null);
    }

    /** A tool whose breakpoint, if any, lasts five minutes. */
    public ToolDefinition(
            String name,
            @Nullable String description,
            JsonNode parameters,
            boolean cacheBreakpoint,
            @Nullable Boolean strict) {
        this(name, description, parameters, cacheBreakpoint, CacheTtl.FIVE_MINUTES, strict);
    }
}
