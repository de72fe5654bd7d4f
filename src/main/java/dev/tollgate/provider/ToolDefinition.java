package dev.tollgate.provider;

import java.util.Objects;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** A function the model may call, with the JSON Schema of its arguments (an object schema). */
public record ToolDefinition(String name, @Nullable String description, JsonNode parameters, boolean cacheBreakpoint) {

    public ToolDefinition {
        Objects.requireNonNull(name);
        Objects.requireNonNull(parameters);
    }
}
