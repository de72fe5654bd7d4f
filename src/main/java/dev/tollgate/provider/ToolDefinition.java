package dev.tollgate.provider;

import java.util.Objects;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A function the model may call, with the JSON Schema of its arguments (an object schema); {@code cacheTtl} is how
 * long the cache entry written at its breakpoint lasts.
 */
public record ToolDefinition(
        String name, @Nullable String description, JsonNode parameters, boolean cacheBreakpoint, CacheTtl cacheTtl) {

    public ToolDefinition {
        Objects.requireNonNull(name);
        Objects.requireNonNull(parameters);
        Objects.requireNonNull(cacheTtl);
    }

    public ToolDefinition(String name, @Nullable String description, JsonNode parameters, boolean cacheBreakpoint) {
        this(name, description, parameters, cacheBreakpoint, CacheTtl.FIVE_MINUTES);
    }
}
