package dev.tollgate.provider;

import java.util.Objects;

/** A tool call the assistant made, as echoed back in the history; {@code argumentsJson} is a JSON object text. */
public record ToolCallPart(String id, String name, String argumentsJson, boolean cacheBreakpoint, CacheTtl cacheTtl)
        implements ContentPart {

    public ToolCallPart {
        Objects.requireNonNull(id);
        Objects.requireNonNull(name);
        Objects.requireNonNull(argumentsJson);
        Objects.requireNonNull(cacheTtl);
    }

    public ToolCallPart(String id, String name, String argumentsJson, boolean cacheBreakpoint) {
        this(id, name, argumentsJson, cacheBreakpoint, CacheTtl.FIVE_MINUTES);
    }
}
